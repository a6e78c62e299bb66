import {
  createClient,
  type Account,
  type Address,
  type Chain,
  type Client,
  type ClientConfig,
  type ParseAccount,
  type Transport,
} from "viem";
import { publishedDeployment, type CommonsDeployment } from "../deployments.js";
import { DeploymentError } from "../errors/base.js";
import { commonsPublicActions, type CommonsPublicActions, type CommonsReadOptions } from "./decorators/public.js";
import { commonsWalletActions, type CommonsWalletActions } from "./decorators/wallet.js";

export type CreateCommonsClientParameters<
  transport extends Transport = Transport,
  chain extends Chain | undefined = Chain | undefined,
  accountOrAddress extends Account | Address | undefined = Account | Address | undefined,
> = Pick<
  ClientConfig<transport, chain, accountOrAddress>,
  "account" | "batch" | "cacheTime" | "chain" | "key" | "name" | "pollingInterval" | "transport"
> &
  CommonsReadOptions & {
    /**
     * The system's addresses on the client's chain. Default: the package's published deployment of `chain`
     * (`commonsDeployments`); `DeploymentError` without a chain, or on a chain with none published.
     */
    deployment?: CommonsDeployment | undefined;
  };

export type CommonsClient<
  transport extends Transport = Transport,
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = Client<transport, chain, account, undefined, CommonsPublicActions & CommonsWalletActions>;

/**
 * A viem client with every SDK action, for one deployment: `createClient(...)` extended with
 * `commonsPublicActions` and `commonsWalletActions`. Without an `account` the reads work and every write
 * throws `MissingWalletError`. With `indexerUrl` the history reads ask that indexer instead of scanning logs.
 * @example
 * const commons = createCommonsClient({ chain: hardhat, transport: http(), account, deployment })
 * const indexed = createCommonsClient({ chain: hardhat, transport: http(), deployment, indexerUrl: "http://127.0.0.1:42069" })
 * const state = await commons.readGovernanceState()
 * const { nodeId } = await commons.registerNode({ ...signedAttestation })
 */
export function createCommonsClient<
  transport extends Transport,
  chain extends Chain | undefined = undefined,
  accountOrAddress extends Account | Address | undefined = undefined,
>({
  deployment,
  indexerUrl,
  indexerFetchFn,
  key = "commons",
  name = "Compute Commons Client",
  ...config
}: CreateCommonsClientParameters<transport, chain, accountOrAddress>): CommonsClient<
  transport,
  chain,
  ParseAccount<accountOrAddress>
> {
  const chainId = config.chain?.id;
  if (deployment === undefined && chainId === undefined) {
    throw new DeploymentError(
      "createCommonsClient needs a deployment, or a chain whose deployment the package publishes",
      undefined,
    );
  }
  const resolved = deployment ?? publishedDeployment(chainId!);
  return createClient({ ...config, key, name, type: "commonsClient" })
    .extend(commonsPublicActions(resolved, { indexerUrl, indexerFetchFn }))
    .extend(commonsWalletActions(resolved));
}
