/**
 * Browser wallets: discovered with EIP-6963 (multi injected provider discovery), with the legacy EIP-1193
 * `window.ethereum` as the fallback when no wallet announces itself; connect one, and keep it on the
 * deployment's chain. Reads never go through the wallet; only transactions are sent with it.
 *
 * EIP-6963 is a two-event protocol on `window`: the page dispatches `eip6963:requestProvider`, and each
 * wallet answers (at any time, also unprompted, e.g. when its script loads late) with an
 * `eip6963:announceProvider` event whose `detail` is `{ info: { uuid, name, icon, rdns }, provider }`.
 * An announcement is page-controlled data like any other: it is checked before use, the name is text and
 * the icon is only ever used as an image's `src`, and only when it is a `data:image/` URI.
 */
import { createWalletClient, custom, getAddress, type Address, type EIP1193Provider, type WalletClient } from "viem";

export type WalletInfo = { uuid: string; name: string; icon: string; rdns: string };

/** A wallet the page can connect: an EIP-6963 announcement, or `window.ethereum` as "Injected wallet". */
export type DiscoveredWallet = { info: WalletInfo; provider: EIP1193Provider };

export type ConnectedWallet = {
  info: WalletInfo;
  provider: EIP1193Provider;
  walletClient: WalletClient;
  address: Address;
  chainId: number;
};

export const ANNOUNCE_EVENT = "eip6963:announceProvider";
export const REQUEST_EVENT = "eip6963:requestProvider";
/** The uuid of the `window.ethereum` fallback (not a real EIP-6963 uuid, so it cannot collide with one). */
export const INJECTED_UUID = "window.ethereum";

const MAX_NAME = 64;

export function injectedProvider(): EIP1193Provider | undefined {
  const ethereum = (window as Window & { ethereum?: unknown }).ethereum;
  return isProvider(ethereum) ? ethereum : undefined;
}

function isProvider(value: unknown): value is EIP1193Provider {
  return typeof value === "object" && value !== null && typeof (value as { request?: unknown }).request === "function";
}

const text = (value: unknown): string => (typeof value === "string" ? value : "");

/**
 * The wallet an `eip6963:announceProvider` event's `detail` describes, or `undefined` when it is malformed
 * (no `info`, no string `uuid`, or a `provider` without a `request` function).
 */
export function parseAnnouncement(detail: unknown): DiscoveredWallet | undefined {
  if (typeof detail !== "object" || detail === null) return undefined;
  const { info, provider } = detail as { info?: unknown; provider?: unknown };
  if (typeof info !== "object" || info === null || !isProvider(provider)) return undefined;
  const { uuid, name, icon, rdns } = info as Record<string, unknown>;
  if (typeof uuid !== "string" || uuid.trim() === "") return undefined;
  const label = text(name).trim().slice(0, MAX_NAME) || text(rdns).trim().slice(0, MAX_NAME) || "Unnamed wallet";
  return { info: { uuid, name: label, icon: text(icon), rdns: text(rdns) }, provider };
}

/** The icon's URI when it is safe to use as an `<img src>`: a `data:image/` URI, nothing else. */
export function safeIcon(icon: string): string | undefined {
  return /^data:image\//i.test(icon.trim()) ? icon.trim() : undefined;
}

export type WalletDiscovery = {
  /** The announced wallets in order of arrival (one per uuid), or the `window.ethereum` fallback, or none. */
  wallets: () => DiscoveredWallet[];
  stop: () => void;
};

/**
 * Starts EIP-6963 discovery: listens for announcements (for as long as the page lives, since wallets may
 * announce late), asks the wallets to announce themselves, and calls `onChange` whenever the list changes.
 * A uuid announced again replaces its earlier entry in place (a wallet that reloads keeps its position).
 */
export function discoverWallets(onChange: (wallets: DiscoveredWallet[]) => void = () => {}): WalletDiscovery {
  const announced = new Map<string, DiscoveredWallet>();
  const wallets = (): DiscoveredWallet[] => {
    if (announced.size > 0) return [...announced.values()];
    const fallback = injectedProvider();
    return fallback
      ? [{ info: { uuid: INJECTED_UUID, name: "Injected wallet", icon: "", rdns: "" }, provider: fallback }]
      : [];
  };
  const onAnnounce = (event: Event): void => {
    const wallet = parseAnnouncement((event as CustomEvent<unknown>).detail);
    if (!wallet) return;
    const known = announced.get(wallet.info.uuid);
    if (known && known.provider === wallet.provider && sameInfo(known.info, wallet.info)) return;
    announced.set(wallet.info.uuid, wallet);
    onChange(wallets());
  };
  window.addEventListener(ANNOUNCE_EVENT, onAnnounce);
  window.dispatchEvent(new Event(REQUEST_EVENT));
  return { wallets, stop: () => window.removeEventListener(ANNOUNCE_EVENT, onAnnounce) };
}

function sameInfo(a: WalletInfo, b: WalletInfo): boolean {
  return a.uuid === b.uuid && a.name === b.name && a.icon === b.icon && a.rdns === b.rdns;
}

export async function connectWallet(wallet: DiscoveredWallet): Promise<ConnectedWallet> {
  const { provider, info } = wallet;
  const accounts = (await provider.request({ method: "eth_requestAccounts" })) as string[];
  const first = accounts[0];
  if (first === undefined) throw new Error("The wallet shared no account.");
  const address = getAddress(first);
  const walletClient = createWalletClient({ account: address, transport: custom(provider) });
  const chainId = await walletClient.getChainId();
  return { info, provider, walletClient, address, chainId };
}

/** Asks the wallet to switch to `chainId` when it is elsewhere; a clear message when it won't. */
export async function ensureWalletChain(wallet: ConnectedWallet, chainId: number): Promise<void> {
  const current = await wallet.walletClient.getChainId();
  if (current === chainId) return;
  try {
    await wallet.walletClient.switchChain({ id: chainId });
  } catch {
    throw new Error(
      `Your wallet is on chain ${current}; switch it to chain ${chainId} (the deployment's) and try again.`,
    );
  }
  wallet.chainId = chainId;
}
