/**
 * The GraphQL playground: GraphiQL, served by Catchup itself from its npm packages (React
 * and GraphiQL's UMD builds, graphql-ws's browser client), so it works with no internet.
 * A browser asking for /graphql (Accept: text/html) gets the page; queries and mutations
 * go over HTTP with the headers of GraphiQL's header editor, subscriptions over graphql-ws
 * with the same authorization in connection_init. `?query=` pre-fills the editor.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/** The directory of an installed package (its exports may hide the files served here). */
function packageRoot(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (
    !fs.existsSync(path.join(dir, "package.json")) ||
    JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).name !== name
  ) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the package ${name}`);
    dir = parent;
  }
  return dir;
}

interface Asset {
  file: string;
  type: string;
}

/** Files under /playground/, from node_modules. */
function assets(): Map<string, Asset> {
  const js = "text/javascript; charset=utf-8";
  const map = new Map<string, Asset>([
    ["react.js", { file: path.join(packageRoot("react"), "umd/react.production.min.js"), type: js }],
    ["react-dom.js", { file: path.join(packageRoot("react-dom"), "umd/react-dom.production.min.js"), type: js }],
    ["graphiql.js", { file: path.join(packageRoot("graphiql"), "graphiql.min.js"), type: js }],
    ["graphiql.css", { file: path.join(packageRoot("graphiql"), "graphiql.min.css"), type: "text/css; charset=utf-8" }],
  ]);
  // graphql-ws's client is plain ES modules with relative imports only: serve its dist files.
  const wsDist = path.join(packageRoot("graphql-ws"), "dist");
  for (const file of fs.readdirSync(wsDist)) {
    if (file.endsWith(".js") && (file === "client.js" || file.startsWith("common-")))
      map.set(`graphql-ws/${file}`, { file: path.join(wsDist, file), type: js });
  }
  return map;
}

export interface Playground {
  /** The HTML page. */
  page(): string;
  /** An asset under /playground/, or undefined. */
  asset(name: string): { body: Buffer; type: string } | undefined;
}

const DEFAULT_QUERY = `# Catchup: every mutation returns the position to wait for.
# Set the authorization header below (npm start prints development tokens).

query Projections {
  projections { name state position headPosition }
}
`;

/** `defaultHeaders`: what the header editor starts with (a development token, or nothing). */
export function createPlayground(options: { defaultHeaders?: Record<string, string> }): Playground {
  const files = assets();
  const cache = new Map<string, Buffer>();
  const headers = JSON.stringify(options.defaultHeaders ?? { authorization: "Bearer <token>" }, null, 2);
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Catchup GraphQL playground</title>
<link rel="stylesheet" href="/playground/graphiql.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
<script src="/playground/react.js"></script>
<script src="/playground/react-dom.js"></script>
<script src="/playground/graphiql.js"></script>
</head>
<body>
<div id="graphiql">Loading the playground…</div>
<script type="module">
import { createClient } from "/playground/graphql-ws/client.js";

const endpoint = new URL("/graphql", location.href).href;
const clients = new Map();
function wsClient(authorization) {
  const key = authorization || "";
  if (!clients.has(key)) {
    clients.set(key, createClient({ url: endpoint.replace(/^http/, "ws"), lazy: true, connectionParams: authorization ? { authorization } : {} }));
  }
  return clients.get(key);
}

function isSubscription(query, operationName) {
  const operations = [...query.matchAll(/(^|})\\s*(query|mutation|subscription)\\b\\s*([_A-Za-z][_0-9A-Za-z]*)?/g)];
  const chosen = operations.find((match) => !operationName || match[3] === operationName) || operations[0];
  return chosen ? chosen[2] === "subscription" : false;
}

function fetcher(params, options) {
  const headers = (options && options.headers) || {};
  const authorization = headers.authorization || headers.Authorization;
  if (isSubscription(params.query || "", params.operationName)) return wsClient(authorization).iterate(params);
  return fetch(endpoint, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(params) }).then((response) => response.json());
}

const search = new URLSearchParams(location.search);
ReactDOM.createRoot(document.getElementById("graphiql")).render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultQuery: ${JSON.stringify(DEFAULT_QUERY)},
    query: search.get("query") || undefined,
    defaultHeaders: ${JSON.stringify(headers)},
    defaultEditorToolsVisibility: "headers",
    shouldPersistHeaders: true,
  }),
);
</script>
</body>
</html>
`;
  return {
    page: () => html,
    asset(name) {
      const asset = files.get(name);
      if (!asset) return undefined;
      let body = cache.get(name);
      if (!body) {
        body = fs.readFileSync(asset.file);
        cache.set(name, body);
      }
      return { body, type: asset.type };
    },
  };
}
