/** The indexer's HTTP API: GraphQL at `/graphql` (and `/`), read-only SQL at `/sql/*` (`@ponder/client`). */
import { Hono } from "hono";
import { client, graphql } from "ponder";
import { db } from "ponder:api";
import schema from "ponder:schema";

const app = new Hono();

app.use("/sql/*", client({ db, schema }));
app.use("/graphql", graphql({ db, schema }));
app.use("/", graphql({ db, schema }));

export default app;
