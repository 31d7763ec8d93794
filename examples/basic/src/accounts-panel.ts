import { type AccountSummary, isPlayerError, type Player } from "@player/main-bridge";

const CALLBACK_KEY = "player:sign-in-callback";

/** The example's account list: sign in with either local provider, see and remove accounts. */
export function mountAccountsPanel(player: Player, show: (line: string) => void): void {
  const list = document.getElementById("accounts") as HTMLUListElement;
  const status = document.getElementById("auth-status") as HTMLOutputElement;

  const render = (accounts: AccountSummary[]) => {
    list.replaceChildren(
      ...accounts.map((account) => {
        const item = document.createElement("li");
        item.dataset.accountId = account.id;
        item.dataset.provider = account.provider;
        const label = document.createElement("span");
        label.textContent = `${account.displayName} <${account.email ?? "no e-mail"}> · ${account.provider}${account.status === "needs-sign-in" ? " · needs sign-in" : ""}`;
        const signOut = document.createElement("button");
        signOut.type = "button";
        signOut.textContent = "Sign out";
        signOut.addEventListener("click", () => void player.signOut(account.id).catch(report));
        item.append(label, " ", signOut);
        return item;
      }),
    );
    list.dataset.count = String(accounts.length);
  };
  const refresh = () => player.listAccounts().then(render, report);
  const report = (error: unknown) => {
    status.value = isPlayerError(error) ? `${error.code}: ${error.message}` : String(error);
    status.dataset.code = isPlayerError(error) ? error.code : "unknown";
  };

  for (const provider of ["google", "microsoft"] as const) {
    document.getElementById(`sign-in-${provider}`)?.addEventListener("click", () => {
      status.value = `Signing in with ${provider}…`;
      status.dataset.code = "";
      // Called straight from the click, so the popup is allowed.
      player.signIn(provider).then((account) => {
        status.value = `Signed in as ${account.displayName}`;
      }, report);
    });
  }
  player.on("auth:signed-in", ({ account }) => {
    show(`auth:signed-in  ${account.displayName} (${account.provider})`);
    void refresh();
  });
  player.on("auth:signed-out", ({ accountId }) => {
    show(`auth:signed-out  ${accountId}`);
    void refresh();
  });
  player.on("auth:session-expired", ({ accountId }) => {
    show(`auth:session-expired  ${accountId}`);
    void refresh();
  });

  // Back from a full-page redirect (the popup was blocked): finish that sign-in.
  const pending = sessionStorage.getItem(CALLBACK_KEY);
  if (pending !== null) {
    sessionStorage.removeItem(CALLBACK_KEY);
    void player.completeSignIn(JSON.parse(pending)).catch(report);
  }
  void player.ready.then(refresh, () => {});
}
