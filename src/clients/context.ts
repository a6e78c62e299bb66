import type { Account, Chain, PublicClient, Transport, WalletClient } from "viem";
import type { CommonsDeployment } from "../deployments.js";

/** What every action receives: the clients and the deployment they act on. */
export type CommonsContext = {
  publicClient: PublicClient<Transport, Chain | undefined>;
  walletClient?: WalletClient<Transport, Chain | undefined, Account | undefined> | undefined;
  deployment: CommonsDeployment;
};

/** Options every write takes. */
export type WriteOptions = {
  /** Called with the transaction hash as soon as it is sent, before the receipt (for progress output). */
  onTransactionHash?: (hash: `0x${string}`) => void;
};
