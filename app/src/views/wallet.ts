/**
 * The wallet box in the header: a read-only note without any wallet, one Connect button with one wallet,
 * a picker (name and icon per wallet) with several, and the connected wallet's name, address and votes
 * with a way to switch to another wallet.
 */
import { grouped, shortHex } from "../../../src/index.js";
import { html, type Html } from "../dom.js";
import { safeIcon, type ConnectedWallet, type DiscoveredWallet, type WalletInfo } from "../wallet.js";

export type WalletBox = {
  wallets: readonly DiscoveredWallet[];
  connected: ConnectedWallet | undefined;
  /** The uuid of the wallet chosen in the picker. */
  picked: string | undefined;
  /** The picker is open over a connected wallet (after "Switch wallet"). */
  switching: boolean;
  votes: bigint | undefined;
};

/** The wallet's name as text, after its icon when that is a `data:image/` URI (anything else is dropped). */
export function walletLabel(info: WalletInfo): Html {
  const icon = safeIcon(info.icon);
  return html`${icon === undefined ? "" : html`<img class="wallet-icon" src="${icon}" alt="" width="20" height="20" />`}<span
      class="wallet-label">${info.name}</span>`;
}

export function walletView(box: WalletBox): Html {
  const { wallets, connected } = box;
  if (wallets.length === 0 && !connected) {
    return html`<span class="muted" data-testid="wallet-note">Read-only: no wallet found (EIP-6963 or window.ethereum).
      Install a browser wallet to register a node or vote.</span>`;
  }
  if (connected && !box.switching) {
    const others = wallets.some((w) => w.info.uuid !== connected.info.uuid);
    const chain = `on chain ${connected.chainId}`;
    const votes = box.votes === undefined ? "" : ` · ${grouped(box.votes)} vote${box.votes === 1n ? "" : "s"}`;
    const account = html`<code title="${connected.address}">${shortHex(connected.address)}</code> ${chain}${votes}`;
    const name = html`<span data-testid="wallet-name" data-uuid="${connected.info.uuid}">${walletLabel(connected.info)}</span>`;
    const switcher = others
      ? html` <button type="button" class="secondary" data-action="switch-wallet">Switch wallet</button>`
      : "";
    return html`<span class="wallet-connected">${name} · <span data-testid="wallet-account">${account}</span>${switcher}</span>`;
  }
  const cancel = connected
    ? html` <button type="button" class="secondary" data-action="cancel-switch">Cancel</button>`
    : "";
  if (wallets.length === 1) {
    const only = wallets[0]!;
    return html`<span class="wallet-single" data-testid="wallet-option" data-uuid="${only.info.uuid}"
        >${walletLabel(only.info)}</span>
      <button type="button" data-action="connect" data-uuid="${only.info.uuid}">Connect wallet</button>${cancel}`;
  }
  const picked = wallets.some((w) => w.info.uuid === box.picked) ? box.picked : wallets[0]!.info.uuid;
  return html`<fieldset class="wallet-picker" data-testid="wallet-picker">
    <legend class="small muted">Choose a wallet</legend>
    ${wallets.map(
      (w) =>
        html`<label class="wallet-option" data-testid="wallet-option" data-uuid="${w.info.uuid}"
          ><input type="radio" name="wallet-choice" value="${w.info.uuid}" ${w.info.uuid === picked ? "checked" : ""} />
          ${walletLabel(w.info)}</label>`,
    )}
    <div><button type="button" data-action="connect">Connect</button>${cancel}</div>
  </fieldset>`;
}
