/**
 * The injected wallet (EIP-1193 `window.ethereum`): connect, and keep it on the deployment's chain.
 * Reads never go through the wallet; only transactions are sent with it.
 */
import { createWalletClient, custom, getAddress, type Address, type EIP1193Provider, type WalletClient } from "viem";

export type ConnectedWallet = {
  provider: EIP1193Provider;
  walletClient: WalletClient;
  address: Address;
  chainId: number;
};

export function injectedProvider(): EIP1193Provider | undefined {
  return (window as Window & { ethereum?: EIP1193Provider }).ethereum;
}

export async function connectWallet(provider: EIP1193Provider): Promise<ConnectedWallet> {
  const accounts = (await provider.request({ method: "eth_requestAccounts" })) as string[];
  const first = accounts[0];
  if (first === undefined) throw new Error("The wallet shared no account.");
  const address = getAddress(first);
  const walletClient = createWalletClient({ account: address, transport: custom(provider) });
  const chainId = await walletClient.getChainId();
  return { provider, walletClient, address, chainId };
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
