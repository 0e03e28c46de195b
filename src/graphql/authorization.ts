/**
 * GraphQL's side of who may do what: every root field carries `@Authorized(...)` with the
 * roles that may call it (none listed: any authenticated caller); `authChecker` turns a
 * missing token into UNAUTHENTICATED and a role not listed into FORBIDDEN. Ownership is
 * checked by the modules (../application/authorization.ts).
 */
import type { AuthChecker } from "type-graphql";
import type { Role } from "../auth/authenticator.js";
import { authenticated, requireRole } from "../application/authorization.js";
import type { Context } from "./context.js";

export const authChecker: AuthChecker<Context, Role> = ({ context }, roles) => {
  if (roles.length > 0) requireRole(context, roles);
  else authenticated(context);
  return true;
};
