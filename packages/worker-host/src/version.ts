import packageJson from "../package.json" with { type: "json" };

/** The SDK version, from this package's manifest at build time. */
export const PLAYER_VERSION: string = packageJson.version;
