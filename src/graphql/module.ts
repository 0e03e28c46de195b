/**
 * What a module contributes, declared in one place (src/modules/<m>/index.ts): its commands,
 * its read models with their row-access rules, its resolvers and its per-request loaders. The
 * composition root takes a list of modules (src/modules/index.ts); every registry is derived
 * from it — the projections that run, the GraphQL `Projection` enum, who may follow which
 * rows with readModelChanged, the loaders of a request, the tests' read-model tables. The
 * GraphQL kit (this folder) and the core import no module.
 */
import type { CommandHandler } from "../application/command.js";
import type { HasPrincipal } from "../application/authorization.js";
import type { Role } from "../auth/authenticator.js";
import type { Database, Sql } from "../core/database/database.js";
import type { EventSchema } from "../core/event-schemas.js";
import type { EventStore } from "../core/event-store.js";
import type { PersonalFields } from "../core/personal-data.js";
import type { ReadModel } from "../core/projection.js";
import type { Loaders } from "./loaders.js";

/** Who may follow a read model's rows (readModelChanged), and for customers, whose a row is. */
export interface RowAccess {
  /** The roles that may subscribe to its rows at all. */
  readonly roles: readonly Role[];
  /**
   * For a customer caller: the customer a row id belongs to (null when none); without it,
   * a customer may follow any row its role allows (the catalog).
   */
  readonly owner?: (store: Pick<EventStore, "origin">, id: string) => Promise<string | null> | string | null;
  /** What a readModelChanged id names for this read model ("order id", "day (YYYY-MM-DD)"). */
  readonly rowIds: string;
}

/** What reading one row needs of a request (a GraphQL Context is one). */
export interface RowContext extends HasPrincipal {
  readonly services: { readonly db: Pick<Database, "sql" | "prisma"> };
  readonly loaders: Loaders;
}

/** A read model's rows by id, as its GraphQL type: what readModelChanged pushes, and mutation payloads carry. */
export interface RowSource<Row extends { version: number } = { version: number }> {
  /** The row's GraphQL object type (a member of the ReadModelRow union). */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's object types are classes
  readonly type: () => Function;
  /** The row as the caller may see it (null when missing, or another customer's): the rules of the query that reads it. */
  read(context: RowContext, id: string): Promise<Row | null>;
}

export interface ModuleReadModel {
  readonly projection: ReadModel;
  /** What it holds, for clients: the description of its `Projection` enum value. */
  readonly description?: string;
  readonly access: RowAccess;
  /** Its rows by id, for read models whose ids name one row of one GraphQL type. */
  readonly row?: RowSource;
  /**
   * The stream type whose ids its rows are (its `row` type implements Node): `node(id)`
   * answers an id of such a stream with the row.
   */
  readonly streamType?: string;
}

/** A command of the application layer (src/modules/<m>/commands.ts); its mutation has its name. */
export type CommandFunction = CommandHandler<never>;

export interface CatchupModule {
  readonly name: string;
  /** Its commands by name, each served as the mutation of that name. */
  readonly commands: Readonly<Record<string, CommandFunction>>;
  readonly readModels: readonly ModuleReadModel[];
  /** Its GraphQL resolver classes (type-graphql). */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql takes resolver classes as Function
  readonly resolvers: readonly Function[];
  /** Its per-request DataLoaders (their types are declared on Loaders, in the module). */
  readonly loaders?: (sql: Sql) => Partial<Loaders>;
  /** How its events are stored: schema versions and upcasters, personal fields (by event type). */
  readonly events?: {
    readonly schemas?: Readonly<Record<string, EventSchema>>;
    readonly personal?: Readonly<Record<string, PersonalFields>>;
  };
  /** Runs once when the application starts, before projections: e.g. moving data an earlier version wrote. */
  readonly start?: (services: { readonly store: EventStore; readonly db: Pick<Database, "sql"> }) => Promise<void>;
}

/** The read models of a list of modules, in order. */
export function readModelsOf(modules: readonly CatchupModule[]): ModuleReadModel[] {
  return modules.flatMap((module) => module.readModels);
}
