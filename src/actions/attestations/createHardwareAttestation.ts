import { getAddress, type Address, type Hex } from "viem";
import { getBlock, signTypedData } from "viem/actions";
import { easAbi, hardwareAttestationsAbi } from "../../abi/generated.js";
import {
  InvalidInputError,
  SigningDomainError,
  type CommonsError,
  type MissingWalletError,
} from "../../errors/base.js";
import { easOf } from "../../internal/eas.js";
import { readCommonsContract, withCommonsErrors } from "../../internal/read.js";
import { toAddress, toInteger, type IntegerInput } from "../../internal/validate.js";
import { assertChain, requireAccount } from "../../internal/write.js";
import type { CommonsContext, OffchainAttestation, SignedAttestation } from "../../types.js";
import {
  attestationDigest,
  attestationTypedData,
  attestationUid,
  EAS_OFFCHAIN_DOMAIN_NAME,
  encodeDeviceData,
  MAX_ATTESTATION_LIFETIME,
  OFFCHAIN_VERSION,
  randomSalt,
  sortDeviceIds,
  toBytes32,
  type AttestationDomain,
} from "../../utils/attestations.js";
import type { DeviceLineInput } from "../../utils/devices.js";
import { checkDevices } from "../registry/checkDevices.js";

/** How long an attestation lives unless told otherwise: 180 days. */
export const DEFAULT_ATTESTATION_LIFETIME = 180n * 86_400n;

export type CreateHardwareAttestationParameters = {
  /** The node owner whose devices are attested: only this address can register them. */
  recipient: Address | string;
  /** The devices, as catalog SKU lines: `[{ skuId: 2, count: 2 }]` for two RTX 3090s. */
  devices: readonly DeviceLineInput[];
  /**
   * One identifier per device (e.g. a hash of each GPU's UUID or the Mac's serial), in any order: they are
   * sorted as the contract requires. A device id is in at most one live node. For development,
   * `devDeviceIds` derives stand-ins.
   */
  deviceIds: readonly (Hex | string)[];
  /** Seconds from the chain's clock until it expires. Default 180 days; at most 400 days. */
  expiresIn?: IntegerInput | undefined;
  /** A hash of what the attester examined (photos, a signed hardware report, …). Default zero: none given. */
  evidenceHash?: Hex | string | undefined;
  /** The attestation's salt. Default 32 random bytes. */
  salt?: Hex | string | undefined;
};
export type CreateHardwareAttestationReturnType = SignedAttestation & {
  /** The EIP-712 domain it was signed for (read from the chain: EAS's address and version, the chain id). */
  domain: AttestationDomain;
  /** The EIP-712 digest signed, equal to `HardwareAttestations.digestOf` on chain. */
  digest: Hex;
};
/**
 * `InvalidInputError` for bad devices or ids, or when the wallet is not an active attester; `SigningDomainError`
 * when the chain's digest differs from the SDK's (another EAS, chain or contract): nothing is signed then.
 */
export type CreateHardwareAttestationErrorType =
  InvalidInputError | MissingWalletError | SigningDomainError | CommonsError;

/**
 * Attests, as the wallet's attester, that `recipient` holds `devices` with these device ids: builds the EAS
 * off-chain attestation (version 2) of the hardware schema, with its UID computed as `HardwareAttestations.uidOf`
 * does, and signs its EIP-712 typed data. The domain comes from the chain ("EAS Attestation", the EAS
 * contract's `version()`, the chain id, EAS's address from `attestations.eas()`), and the SDK's digest must
 * equal the contract's `digestOf` before it signs. Nothing is sent: the owner submits the result with
 * `registerNode` (or `updateNode`, `answerChallenge`). The devices are checked against the catalog and the
 * registry's limits first, and the wallet must be an active attester.
 * @example
 * const signed = await createHardwareAttestation(attester, {
 *   recipient: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
 *   devices: [{ skuId: 2, count: 2 }],
 *   deviceIds: [keccak256(toHex("GPU-8f1c…")), keccak256(toHex("GPU-22ab…"))],
 * })
 * writeFileSync("rig.json", serializeAttestation(signed, 31337))
 */
export async function createHardwareAttestation(
  ctx: CommonsContext,
  parameters: CreateHardwareAttestationParameters,
): Promise<CreateHardwareAttestationReturnType> {
  const account = requireAccount(ctx, "createHardwareAttestation");
  const recipient = toAddress(parameters.recipient, "recipient");
  const expiresIn = toInteger(
    parameters.expiresIn ?? DEFAULT_ATTESTATION_LIFETIME,
    "expiresIn",
    1n,
    MAX_ATTESTATION_LIFETIME,
  );
  const evidenceHash = toBytes32(parameters.evidenceHash ?? `0x${"0".repeat(64)}`, "evidenceHash");
  const salt = toBytes32(parameters.salt ?? randomSalt(), "salt");
  if (!Array.isArray(parameters.deviceIds)) throw new InvalidInputError("deviceIds", "must be a list of device ids");
  const deviceIds = sortDeviceIds(parameters.deviceIds);
  await assertChain(ctx);

  const attestations = { address: ctx.deployment.attestations, abi: hardwareAttestationsAbi } as const;
  const [{ devices }, schema, eas, active, block] = await Promise.all([
    checkDevices(ctx, { devices: parameters.devices }),
    readCommonsContract(ctx, { ...attestations, functionName: "schemaUID" }),
    easOf(ctx),
    readCommonsContract(ctx, { ...attestations, functionName: "attesters" }),
    withCommonsErrors(() => getBlock(ctx, { blockTag: "latest" })),
  ]);
  const deviceCount = devices.reduce((sum, line) => sum + line.count, 0);
  if (deviceIds.length !== deviceCount) {
    throw new InvalidInputError(
      "deviceIds",
      `${deviceIds.length} device id(s) for ${deviceCount} device(s): give one per device`,
    );
  }
  const attester = getAddress(account.address);
  if (!active.some((a) => getAddress(a) === attester)) {
    throw new InvalidInputError(
      "attester",
      `${attester} is not an active attester of this deployment (there are ${active.length}: ${active.join(", ") || "none"})`,
    );
  }

  const attestation: OffchainAttestation = {
    version: OFFCHAIN_VERSION,
    schema,
    recipient,
    time: block.timestamp,
    expirationTime: block.timestamp + expiresIn,
    revocable: true,
    refUID: `0x${"0".repeat(64)}`,
    data: encodeDeviceData(devices, deviceIds, evidenceHash),
    salt,
  };
  const [version, onChainDigest] = await Promise.all([
    readCommonsContract(ctx, { address: eas, abi: easAbi, functionName: "version" }),
    readCommonsContract(ctx, { ...attestations, functionName: "digestOf", args: [attestation] }),
  ]);
  const domain: AttestationDomain = {
    name: EAS_OFFCHAIN_DOMAIN_NAME,
    version,
    chainId: ctx.deployment.chainId,
    verifyingContract: eas,
  };
  const digest = attestationDigest(attestation, domain);
  if (digest !== onChainDigest) {
    throw new SigningDomainError(
      `Refusing to sign: the attestations contract's digest ${onChainDigest} is not the SDK's ${digest} ` +
        `for EAS ${eas} (version ${version}) on chain ${ctx.deployment.chainId}`,
    );
  }
  const signature = await withCommonsErrors(() =>
    signTypedData(ctx, { account, ...attestationTypedData(attestation, domain) }),
  );
  return {
    attestation,
    attester: getAddress(account.address),
    signature,
    uid: attestationUid(attestation),
    domain,
    digest,
  };
}
