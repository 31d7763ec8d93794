import { defineConfig } from "vitest/config";

/**
 * One run, four projects: unit tests in Node and in happy-dom, integration
 * tests against the built packages, and browser tests in headless Chromium.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          environment: "node",
          include: ["packages/*/src/**/*.test.ts"],
          exclude: ["packages/*/src/**/*.dom.test.ts", "**/node_modules/**", "**/dist/**"],
        },
      },
      {
        test: {
          name: "dom",
          environment: "happy-dom",
          include: ["packages/*/src/**/*.dom.test.ts"],
        },
      },
      {
        test: {
          name: "types",
          include: [],
          typecheck: {
            enabled: true,
            only: true,
            include: ["packages/*/src/**/*.test-d.ts"],
            tsconfig: "./tsconfig.typetests.json",
          },
        },
      },
      {
        test: {
          name: "integration",
          environment: "node",
          include: ["tests/integration/**/*.test.ts"],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: "browser",
          environment: "node",
          include: ["tests/browser/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
