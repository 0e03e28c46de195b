import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { DateTimeResolver } from "graphql-scalars";

const MAX_POSITION = 2n ** 63n - 1n;

/** A position as a client sends it (a decimal string, or a safe integer); BAD_USER_INPUT otherwise. */
export function toPosition(value: unknown): bigint {
  const text = typeof value === "number" && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== "string" || !/^\d{1,19}$/.test(text) || BigInt(text) > MAX_POSITION) {
    const got = JSON.stringify(value) ?? String(value);
    throw new GraphQLError(
      `Position must be a non-negative 64-bit integer as a decimal string, got ${got.length > 40 ? `${got.slice(0, 40)}…` : got}`,
      {
        extensions: { code: "BAD_USER_INPUT" },
      },
    );
  }
  return BigInt(text);
}

/** A global log position: a 64-bit integer, serialized as a decimal string. */
export const PositionScalar = new GraphQLScalarType<bigint, string>({
  name: "Position",
  description:
    "A global event-log position: a 64-bit integer (0 to 9223372036854775807) serialized as a decimal string. " +
    "Send it as a string (an Int literal or a safe-integer number is accepted too); BAD_USER_INPUT otherwise.",
  serialize(value) {
    if (typeof value === "bigint") return value.toString();
    return toPosition(value).toString();
  },
  parseValue: toPosition,
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT) return toPosition(ast.value);
    throw new GraphQLError("Position must be a decimal string", { nodes: ast, extensions: { code: "BAD_USER_INPUT" } });
  },
});

export const DateTimeScalar = DateTimeResolver;
