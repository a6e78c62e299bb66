/**
 * The Compute Commons dashboard: reads the governance state through the SDK's browser entry, shows it,
 * and (with a browser wallet, discovered with EIP-6963 or the injected `window.ethereum`) registers nodes from
 * an attester's signed attestation, activates nodes and casts votes.
 *
 * `document.body.dataset.status` is `loading`, `ready` or `error`, and the footer says how long the
 * first paint took and how many requests it made: the browser test reads both.
 */
import { getAddress, isAddress } from "viem";
import {
  commonsPublicActions,
  commonsWalletActions,
  type CommonsDeployment,
  type CommonsPublicActions,
  type CommonsWalletActions,
  type GovernanceState,
} from "../../src/index.js";
import { checkRpcUrl, ConfigError, parseDeployment, readConfig, readIndexerUrl } from "./config.js";
import { byId, html, raw, render, type Html } from "./dom.js";
import { ether, grouped, shortHex, utc } from "../../src/index.js";
import { attestationSummary, readAttestation } from "./attestation.js";
import {
  countingPublicClient,
  diagnose,
  loadDashboard,
  loadNodePage,
  reasonOf,
  RequestCounter,
  type DashboardData,
  type NodeQuery,
} from "./load.js";
import { ballotsView } from "./views/ballots.js";
import { floorPlot } from "./views/floorPlot.js";
import { floorStatsView, settingsView, sybilView, thresholdsView } from "./views/overview.js";
import { modelsView, NODE_PAGE_SIZES, NODES_PER_PAGE, nodesView, proposalsView } from "./views/lists.js";
import { walletView } from "./views/wallet.js";
import {
  connectWallet,
  discoverWallets,
  ensureWalletChain,
  type ConnectedWallet,
  type DiscoveredWallet,
  type WalletDiscovery,
} from "./wallet.js";

type Session = {
  rpcUrl: string;
  deployment: CommonsDeployment;
  counter: RequestCounter;
  /** Reads, on the page's own (counted) client; writes go through the wallet. */
  reader: ReturnType<typeof countingPublicClient> & CommonsPublicActions;
  data?: DashboardData;
};

const ui = {
  session: undefined as Session | undefined,
  discovery: undefined as WalletDiscovery | undefined,
  /** The wallets found so far (EIP-6963 announcements, or the `window.ethereum` fallback). */
  wallets: [] as DiscoveredWallet[],
  /** The uuid chosen in the wallet picker. */
  pickedWallet: undefined as string | undefined,
  /** The picker is open over the connected wallet ("Switch wallet"). */
  switchingWallet: false,
  wallet: undefined as ConnectedWallet | undefined,
  walletVotes: undefined as bigint | undefined,
  /** The page of the node table to show: first paint reads it, the pager and the owner filter change it. */
  nodeQuery: { offset: 0, limit: NODES_PER_PAGE } as NodeQuery,
  /** A node page is being read, or the last one failed. */
  nodesLoading: false,
  nodesError: undefined as string | undefined,
  /** Bumped by every node page read, so that only the latest one paints. */
  nodesGeneration: 0,
  busy: false,
  /** The attestation pasted or loaded into the register form, kept across its repaints. */
  attestationText: "",
  /** Bumped by every load, so that a slow, superseded load does not paint over a newer one. */
  generation: 0,
};

const $ = {
  form: () => byId<HTMLFormElement>("config-form"),
  rpc: () => byId<HTMLInputElement>("rpc-url"),
  deployment: () => byId<HTMLTextAreaElement>("deployment-json"),
  message: () => byId("message"),
  footer: () => byId("footer"),
};

function setStatus(status: "loading" | "ready" | "error"): void {
  document.body.dataset.status = status;
}

function showMessage(kind: "error" | "info" | "success", text: string | Html): void {
  const box = $.message();
  box.className = `message message-${kind}`;
  box.hidden = false;
  box.setAttribute("role", kind === "error" ? "alert" : "status");
  render(box, html`${text}`);
}

function clearMessage(): void {
  $.message().hidden = true;
}

// ------------------------------------------------------------------------------------------ loading

async function start(rpcText: string, deploymentText: string): Promise<void> {
  const generation = ++ui.generation;
  setStatus("loading");
  clearSections();
  let rpcUrl: string;
  let deployment: CommonsDeployment;
  let indexerUrl: string | undefined;
  try {
    rpcUrl = checkRpcUrl(rpcText);
    deployment = parseDeployment(deploymentText);
    indexerUrl = readIndexerUrl(location);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    byId<HTMLDetailsElement>("connection").open = true;
    showMessage("error", error.message);
    $.footer().textContent = "not loaded";
    setStatus("error");
    return;
  }
  // A node page still being read belongs to the data this load replaces.
  ui.nodesGeneration++;
  ui.nodesLoading = false;
  ui.nodesError = undefined;
  const counter = new RequestCounter();
  const publicClient = countingPublicClient(rpcUrl, counter);
  // With ?indexer=, the history reads ask the indexer (its requests counted with the RPC's).
  const reader = publicClient.extend(
    commonsPublicActions(deployment, { indexerUrl, indexerFetchFn: counter.indexerFetch }),
  );
  const session: Session = { rpcUrl, deployment, counter, reader };
  ui.session = session;
  byId("chain").textContent =
    `chain ${deployment.chainId} · ${rpcUrl}` + (indexerUrl ? ` · history from the indexer at ${indexerUrl}` : "");
  showMessage("info", `Reading the governance state from ${rpcUrl}…`);

  const started = performance.now();
  try {
    const data = await loadDashboard(reader, ui.nodeQuery, {
      onState: (state) => {
        if (generation === ui.generation) paintState(session, state);
      },
    });
    if (generation !== ui.generation) return;
    const ms = Math.round(performance.now() - started);
    session.data = data;
    paintAll(session);
    clearMessage();
    const footer = $.footer();
    footer.dataset.loadMs = String(ms);
    footer.dataset.requests = String(counter.total);
    render(
      footer,
      html`<span data-testid="load-stats">loaded in ${ms} ms with ${counter.total} requests</span>
        <span class="muted">· ${counter.summary()} · ${grouped(data.state.registry.nodeCount)} nodes ·
          page ready ${Math.round(performance.now())} ms after navigation</span>`,
    );
    setStatus("ready");
    void refreshVotes();
  } catch (error) {
    if (generation !== ui.generation) return;
    const message = await diagnose(publicClient, rpcUrl, deployment, error);
    if (generation !== ui.generation) return;
    clearSections();
    byId<HTMLDetailsElement>("connection").open = true;
    showMessage("error", message);
    $.footer().textContent = `failed after ${Math.round(performance.now() - started)} ms with ${counter.total} requests`;
    setStatus("error");
  }
}

/** Reloads the current session's data (after a transaction), keeping the page as it is meanwhile. */
async function reload(): Promise<void> {
  await start($.rpc().value, $.deployment().value);
}

const SECTIONS = ["thresholds", "floor-stats", "floor-plot", "sybil", "settings", "nodes", "models", "proposals"];

function clearSections(): void {
  for (const id of SECTIONS) byId(id).replaceChildren();
  byId("dashboard").hidden = true;
}

function paintState(session: Session, state: GovernanceState): void {
  byId("dashboard").hidden = false;
  render(byId("thresholds"), thresholdsView(state));
  render(byId("floor-stats"), floorStatsView(state));
  render(byId("settings"), settingsView(state));
}

function paintAll(session: Session): void {
  const data = session.data!;
  paintState(session, data.state);
  render(byId("floor-plot"), floorPlot(data.state, data.histogram.buckets));
  render(byId("ballots"), ballotsView(data.ballots, data.state));
  render(byId("sybil"), sybilView(data.state, data.skus));
  paintNodes();
  render(byId("models"), modelsView(data.models, data.epochs));
  paintProposals();
  paintRegisterForm();
}

function paintNodes(): void {
  const data = ui.session?.data;
  if (data) {
    render(
      byId("nodes"),
      nodesView(data.nodes, data.skus, data.state.clock, {
        loading: ui.nodesLoading,
        error: ui.nodesError,
        canWrite: ui.wallet !== undefined && !ui.busy,
      }),
    );
  }
}

/** Reads one page of the node table (one request) and shows it; a newer request supersedes it. */
async function showNodes(query: NodeQuery): Promise<void> {
  const session = ui.session;
  if (!session?.data) return;
  const generation = ++ui.nodesGeneration;
  ui.nodesLoading = true;
  ui.nodesError = undefined;
  paintNodes();
  try {
    const page = await loadNodePage(session.reader, query);
    if (generation !== ui.nodesGeneration || session !== ui.session || !session.data) return;
    session.data.nodes = page;
    ui.nodeQuery = query;
  } catch (error) {
    if (generation !== ui.nodesGeneration) return;
    ui.nodesError = `Reading the nodes failed: ${reasonOf(error)}`;
  }
  ui.nodesLoading = false;
  paintNodes();
}

/** The owner filter and page size: an address (or nothing, for all nodes) and one of the page sizes. */
function onNodesFilter(form: HTMLFormElement): void {
  const fields = new FormData(form);
  const ownerText = String(fields.get("owner") ?? "").trim();
  const size = Number(fields.get("page-size"));
  const limit = (NODE_PAGE_SIZES as readonly number[]).includes(size) ? size : NODES_PER_PAGE;
  if (ownerText !== "" && !isAddress(ownerText, { strict: false })) {
    ui.nodesError = `Not an address: ${ownerText}`;
    return paintNodes();
  }
  void showNodes({ offset: 0, limit, owner: ownerText === "" ? undefined : getAddress(ownerText) });
}

function paintProposals(): void {
  const session = ui.session;
  if (!session?.data) return;
  const note = !hasWallets()
    ? "Read-only: no wallet found."
    : !ui.wallet
      ? "Connect a wallet to vote."
      : ui.walletVotes === 0n
        ? "Your account has no votes now; only votes at the proposal's snapshot count."
        : undefined;
  render(
    byId("proposals"),
    proposalsView(session.data.state, session.data.proposals, {
      canVote: ui.wallet !== undefined && !ui.busy,
      ...(note === undefined ? {} : { note }),
    }),
  );
}

// ------------------------------------------------------------------------------------------- wallet

/** Whether the page can write at all: a wallet was found, or one is connected. */
function hasWallets(): boolean {
  return ui.wallets.length > 0 || ui.wallet !== undefined;
}

function paintWallet(): void {
  render(
    byId("wallet"),
    walletView({
      wallets: ui.wallets,
      connected: ui.wallet,
      picked: ui.pickedWallet,
      switching: ui.switchingWallet,
      votes: ui.walletVotes,
    }),
  );
}

/** Wallets announce themselves at any time: repaint what depends on whether there is one. */
function onWalletsChanged(wallets: DiscoveredWallet[]): void {
  ui.wallets = wallets;
  paintWallet();
  paintRegisterForm();
  paintProposals();
}

async function refreshVotes(): Promise<void> {
  const session = ui.session;
  if (!session || !ui.wallet) return;
  try {
    ui.walletVotes = await session.reader.getVotes({ account: ui.wallet.address });
  } catch {
    ui.walletVotes = undefined;
  }
  paintWallet();
  paintProposals();
}

/** The wallet's account or chain changed: read them again (only for the wallet that is connected). */
const onWalletEvent = (): void => void reconnect();

function listen(provider: DiscoveredWallet["provider"], on: boolean): void {
  if (on) {
    provider.on?.("accountsChanged", onWalletEvent);
    provider.on?.("chainChanged", onWalletEvent);
  } else {
    provider.removeListener?.("accountsChanged", onWalletEvent);
    provider.removeListener?.("chainChanged", onWalletEvent);
  }
}

async function onConnect(uuid: string | undefined): Promise<void> {
  const picked = ui.wallets.find((w) => w.info.uuid === uuid) ?? (ui.wallets.length === 1 ? ui.wallets[0] : undefined);
  if (!picked) return showMessage("error", "Choose a wallet to connect.");
  let connected: ConnectedWallet;
  try {
    connected = await connectWallet(picked);
  } catch (error) {
    showMessage("error", `Could not connect ${picked.info.name}: ${reasonOf(error)}`);
    return;
  }
  if (ui.wallet) listen(ui.wallet.provider, false);
  ui.wallet = connected;
  ui.pickedWallet = picked.info.uuid;
  ui.switchingWallet = false;
  listen(connected.provider, true);
  await afterWalletChange();
}

function onSwitchWallet(open: boolean): void {
  ui.switchingWallet = open;
  paintWallet();
}

async function reconnect(): Promise<void> {
  const current = ui.wallet;
  if (!current) return;
  let next: ConnectedWallet | undefined;
  try {
    next = await connectWallet(current);
  } catch {
    next = undefined;
  }
  if (ui.wallet !== current) return; // another wallet was connected meanwhile
  if (!next) listen(current.provider, false);
  ui.wallet = next;
  await afterWalletChange();
}

async function afterWalletChange(): Promise<void> {
  ui.walletVotes = undefined;
  paintWallet();
  paintRegisterForm();
  paintNodes();
  paintProposals();
  await refreshVotes();
}

// --------------------------------------------------------------------------------------- writes

function paintRegisterForm(): void {
  const data = ui.session?.data;
  const form = byId("register");
  if (!data) return form.replaceChildren();
  const canWrite = ui.wallet !== undefined && !ui.busy;
  const disabled = canWrite ? "" : raw("disabled");
  const p = data.state.registry.params;
  render(
    form,
    html`<form id="register-form" class="register-form">
      <p class="small">Register a node from an attester's signed attestation of your devices: ask an attester for
        <code>commons attest --owner &lt;your address&gt; --device &lt;sku:count&gt; --out rig.json</code>, then load the file it writes here (or run
        <code>commons node register --attestation &lt;file&gt;</code>). The bond is
        ${ether(p.bondBase)} + ${ether(p.bondPerGiB)} per GiB of attested memory; the node is Pending for
        the warm-up, then anyone may activate it.</p>
      <div class="inline-form">
        <label>Attestation file
          <input name="attestation-file" type="file" accept=".json,application/json" ${disabled} />
        </label>
        <label class="grow">or paste it
          <textarea name="attestation" rows="3" spellcheck="false" placeholder='{ "format": "compute-commons/hardware-attestation@1", … }'
            ${disabled}>${ui.attestationText}</textarea>
        </label>
        <label>Metadata URI (optional)
          <input name="metadataURI" type="text" placeholder="ipfs://…" maxlength="256" ${disabled} />
        </label>
        <button type="submit" ${disabled}>Register node</button>
      </div>
      ${
        hasWallets()
          ? ui.wallet
            ? ""
            : html`<span class="muted small">Connect a wallet to register a node.</span>`
          : html`<span class="muted small">Read-only: no wallet found (EIP-6963 or window.ethereum).</span>`
      }
    </form>`,
  );
}

/** Runs one transaction with the wallet (the SDK's writes on it), with progress messages, then reloads the data. */
async function transact(label: string, send: (writer: CommonsWalletActions) => Promise<string>): Promise<void> {
  const session = ui.session;
  const wallet = ui.wallet;
  if (!session || !wallet || ui.busy) return;
  ui.busy = true;
  paintRegisterForm();
  paintNodes();
  paintProposals();
  try {
    await ensureWalletChain(wallet, session.deployment.chainId);
    showMessage("info", `${label}: confirm in your wallet…`);
    const done = await send(wallet.walletClient.extend(commonsWalletActions(session.deployment)));
    ui.busy = false;
    await reload();
    showMessage("success", done);
  } catch (error) {
    ui.busy = false;
    showMessage("error", `${label} failed: ${reasonOf(error)}`);
    paintRegisterForm();
    paintNodes();
    paintProposals();
  }
}

function onRegister(form: HTMLFormElement): void {
  const session = ui.session;
  if (!session?.data) return;
  const fields = new FormData(form);
  ui.attestationText = String(fields.get("attestation") ?? "");
  const metadataURI = String(fields.get("metadataURI") ?? "").trim();
  const read = readAttestation(ui.attestationText, session.deployment.chainId);
  if (!read.ok) return showMessage("error", read.error);
  const what = attestationSummary(read.signed, session.data.skus, session.data.state.registry.params);
  void transact(`Registering a node (${what})`, async (writer) => {
    const { nodeId, hash, activatableAt } = await writer.registerNode({
      ...read.signed,
      ...(metadataURI === "" ? {} : { metadataURI }),
      onTransactionHash: (h) =>
        showMessage("info", `Registering a node: sent ${shortHex(h, 6)}, waiting for it to be mined…`),
    });
    ui.attestationText = "";
    return `Registered node #${nodeId} (${what}; transaction ${shortHex(hash, 6)}): Pending until its warm-up ends (${utc(activatableAt)}).`;
  });
}

/** Loads a chosen attestation file into the form's text area. */
async function onAttestationFile(input: HTMLInputElement): Promise<void> {
  const file = input.files?.[0];
  if (!file) return;
  ui.attestationText = await file.text();
  const area = document.querySelector<HTMLTextAreaElement>("#register-form textarea[name=attestation]");
  if (area) area.value = ui.attestationText;
}

function onActivate(nodeId: bigint): void {
  void transact(`Activating node #${nodeId}`, async (writer) => {
    const { hash } = await writer.activateNode({
      nodeId,
      onTransactionHash: (h) => showMessage("info", `Activating node #${nodeId}: sent ${shortHex(h, 6)}, waiting…`),
    });
    return `Activated node #${nodeId}: its vote counts in proposals made from now on (transaction ${shortHex(hash, 6)}).`;
  });
}

function onVeto(proposalId: string): void {
  void transact("Vetoing", async (writer) => {
    const { hash, weight, vetoVotes, threshold, vetoed } = await writer.vetoProposal({
      proposal: proposalId,
      onTransactionHash: (h) => showMessage("info", `Vetoing: sent ${shortHex(h, 6)}, waiting…`),
    });
    const tally = `${grouped(vetoVotes)} of the ${grouped(threshold)} veto votes that cancel it`;
    return `Vetoed with ${grouped(weight)} vote${weight === 1n ? "" : "s"}: ${vetoed ? `canceled (${tally})` : tally} (transaction ${shortHex(hash, 6)}).`;
  });
}

function onVote(proposalId: string, support: "for" | "against" | "abstain"): void {
  void transact(`Voting ${support}`, async (writer) => {
    const { hash } = await writer.castVote({
      proposal: proposalId,
      support,
      onTransactionHash: (h) => showMessage("info", `Voting ${support}: sent ${shortHex(h, 6)}, waiting…`),
    });
    return `Voted ${support} (transaction ${shortHex(hash, 6)}).`;
  });
}

// ------------------------------------------------------------------------------------------ wiring

function wire(): void {
  $.form().addEventListener("submit", (event) => {
    event.preventDefault();
    const rpc = $.rpc().value.trim();
    const deployment = $.deployment().value;
    // The URL reflects the connection, so that it can be bookmarked or shared.
    const url = new URL(location.href);
    url.searchParams.set("rpc", rpc);
    try {
      url.searchParams.set("deployment", JSON.stringify(JSON.parse(deployment)));
    } catch {
      url.searchParams.delete("deployment");
    }
    history.replaceState(null, "", url);
    // Another deployment: its node table starts at its first page, for all owners.
    ui.nodeQuery = { offset: 0, limit: ui.nodeQuery.limit };
    void start(rpc, deployment);
  });
  document.addEventListener("click", (event) => {
    const target = (event.target as HTMLElement).closest<HTMLElement>("[data-action]");
    if (!target || (target as HTMLButtonElement).disabled) return;
    const action = target.dataset.action;
    if (action === "connect") {
      const checked = document.querySelector<HTMLInputElement>("#wallet input[name=wallet-choice]:checked");
      void onConnect(target.dataset.uuid ?? checked?.value);
    }
    if (action === "switch-wallet") onSwitchWallet(true);
    if (action === "cancel-switch") onSwitchWallet(false);
    if (action === "nodes-page") {
      const page = Math.max(0, Number(target.dataset.page));
      void showNodes({ ...ui.nodeQuery, offset: page * ui.nodeQuery.limit });
    }
    if (action === "nodes-all") void showNodes({ offset: 0, limit: ui.nodeQuery.limit });
    if (action === "activate") onActivate(BigInt(target.dataset.node!));
    if (action === "veto") onVeto(target.dataset.proposal!);
    if (action === "vote") onVote(target.dataset.proposal!, target.dataset.support as "for" | "against" | "abstain");
  });
  document.addEventListener("change", (event) => {
    const input = event.target as HTMLInputElement;
    if (input.name === "wallet-choice" && input.closest("#wallet")) ui.pickedWallet = input.value;
    if (input.name === "attestation-file" && input.closest("#register-form")) void onAttestationFile(input);
  });
  document.addEventListener("submit", (event) => {
    const form = event.target as HTMLFormElement;
    if (form.id === "nodes-filter") {
      event.preventDefault();
      return onNodesFilter(form);
    }
    if (form.id !== "register-form") return;
    event.preventDefault();
    onRegister(form);
  });
}

async function main(): Promise<void> {
  wire();
  ui.discovery = discoverWallets(onWalletsChanged);
  ui.wallets = ui.discovery.wallets();
  paintWallet();
  setStatus("loading");
  const config = await readConfig(location);
  $.rpc().value = config.rpcUrl;
  $.deployment().value = config.deploymentText;
  byId("deployment-source").textContent =
    config.deploymentSource === "query"
      ? "from the ?deployment= parameter"
      : config.deploymentSource === "deployment.json"
        ? "from deployment.json next to the page"
        : "none found: paste Ignition's deployed_addresses.json (with a chainId) or the SDK's deployment object";
  await start(config.rpcUrl, config.deploymentText);
}

main().catch((error: unknown) => {
  showMessage("error", `The dashboard failed to start: ${reasonOf(error)}`);
  setStatus("error");
});
