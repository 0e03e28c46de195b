import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver, UseMiddleware } from "type-graphql";
import { inputLimits } from "../../../graphql/limits.js";
import { ANY_ROLE, CUSTOMER_OR_ADMIN, mayRead, STAFF } from "../../../application/authorization.js";
import type { CommandOutcome } from "../../../application/command.js";
import { Consistency, CONSISTENCY_ARG } from "../../../graphql/common.js";
import type { RowSource } from "../../../graphql/module.js";
import { commandPayloads } from "../../../graphql/payloads.js";
import { readAfter, type Context } from "../../../graphql/context.js";
import { minPositionDescription, minVersionDescription } from "../../../graphql/descriptions.js";
import { PositionScalar } from "../../../graphql/scalars.js";
import * as commands from "../commands.js";
import { CUSTOMER_PROFILE, findCustomerByEmail, type CustomerProfileRow } from "../projections/customer-profile.js";
import {
  ChangeCustomerEmailInput,
  ChangeCustomerPhoneNumberInput,
  Customer,
  ForgetCustomerInput,
  RegisterCustomerInput,
  UpdateCustomerAddressInput,
} from "./types.js";

/** CUSTOMER_PROFILE's rows as Customer: a customer reads only itself. */
export const customerRows: RowSource<CustomerProfileRow> = {
  type: () => Customer,
  read: async (context, id) => (mayRead(context, id) ? context.loaders.customerProfile.clear(id).load(id) : null),
};

/** The payloads of this module's mutations: each adds the customer it changed. */
const payloads = commandPayloads(
  [
    "RegisterCustomerPayload",
    "ChangeCustomerEmailPayload",
    "UpdateCustomerAddressPayload",
    "ChangeCustomerPhoneNumberPayload",
    "ForgetCustomerPayload",
  ],
  {
    field: "customer",
    projection: CUSTOMER_PROFILE,
    rows: customerRows,
  },
);
export const CustomerPayloadResolvers = payloads.resolvers;

@Resolver()
@UseMiddleware(inputLimits)
export class CustomerResolver {
  @Authorized(CUSTOMER_OR_ADMIN)
  @Mutation(() => payloads.types.RegisterCustomerPayload, {
    nullable: true,
    description:
      "Registers a customer; the new id is the result's streamId. A customer token registers its own subject as the customer id " +
      "(once: INVALID_STATE after that); an admin registers a new customer. DUPLICATE when another customer has the email.",
  })
  registerCustomer(
    @Arg("input", () => RegisterCustomerInput, { description: "The customer's name, email, phone and address." })
    input: RegisterCustomerInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandOutcome> {
    return commands.registerCustomer(context.services, context, input, consistency);
  }

  @Authorized(CUSTOMER_OR_ADMIN)
  @Mutation(() => payloads.types.ChangeCustomerEmailPayload, {
    nullable: true,
    description: "Changes a customer's email. DUPLICATE when another customer has the email.",
  })
  changeCustomerEmail(
    @Arg("input", () => ChangeCustomerEmailInput, { description: "The customer and the new email." }) input: ChangeCustomerEmailInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandOutcome> {
    return commands.changeCustomerEmail(context.services, context, input, consistency);
  }

  @Authorized(CUSTOMER_OR_ADMIN)
  @Mutation(() => payloads.types.UpdateCustomerAddressPayload, { nullable: true, description: "Replaces a customer's postal address." })
  updateCustomerAddress(
    @Arg("input", () => UpdateCustomerAddressInput, { description: "The customer and the new address." }) input: UpdateCustomerAddressInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandOutcome> {
    return commands.updateCustomerAddress(context.services, context, input, consistency);
  }

  @Authorized(CUSTOMER_OR_ADMIN)
  @Mutation(() => payloads.types.ChangeCustomerPhoneNumberPayload, { nullable: true, description: "Changes a customer's phone number." })
  changeCustomerPhoneNumber(
    @Arg("input", () => ChangeCustomerPhoneNumberInput, { description: "The customer and the new number." })
    input: ChangeCustomerPhoneNumberInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandOutcome> {
    return commands.changeCustomerPhoneNumber(context.services, context, input, consistency);
  }

  @Authorized(CUSTOMER_OR_ADMIN)
  @Mutation(() => payloads.types.ForgetCustomerPayload, {
    nullable: true,
    description:
      "Erases a customer's personal data (name, email, phone, address) for good: its data key is deleted, so every sealed copy in " +
      'the log is unreadable, and every read model overwrites its copies with "[forgotten]" (CustomerForgotten). The customer\'s ' +
      "id, orders, accounts and log stay. The customer itself or an admin. Forgetting a forgotten customer writes nothing. " +
      "Backups taken before keep what they held until they expire: see the README.",
  })
  forgetCustomer(
    @Arg("input", () => ForgetCustomerInput, { description: "The customer to forget." }) input: ForgetCustomerInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandOutcome> {
    return commands.forgetCustomer(context.services, context, input, consistency);
  }

  @Authorized(ANY_ROLE)
  @Query(() => Customer, {
    nullable: true,
    description:
      "A customer from CUSTOMER_PROFILE (minPosition / minVersion wait as for account). Customers see only themselves: any other id answers null.",
  })
  async customer(
    @Arg("id", () => ID, { description: "The customer's id." }) id: string,
    @Arg("minPosition", () => PositionScalar, { nullable: true, description: minPositionDescription(CUSTOMER_PROFILE) })
    minPosition: bigint | null,
    @Arg("minVersion", () => Int, { nullable: true, description: minVersionDescription("customer") }) minVersion: number | null,
    @Ctx() context: Context,
  ): Promise<CustomerProfileRow | null> {
    const { services, loaders } = context;
    await readAfter(context, CUSTOMER_PROFILE, minPosition);
    // Another customer reads as a missing one (null), waits included.
    const visible = mayRead(context, id);
    return services.consistency.requireVersion(CUSTOMER_PROFILE, id, minVersion, async () =>
      visible ? loaders.customerProfile.clear(id).load(id) : null,
    );
  }

  @Authorized(STAFF)
  @Query(() => Customer, {
    nullable: true,
    description: "The customer of an email (CUSTOMER_PROFILE), compared case-insensitively; null when none. Staff and admin only.",
  })
  async customerByEmail(
    @Arg("email", () => String, { description: "The email, as registered or in any letter case." }) email: string,
    @Arg("minPosition", () => PositionScalar, { nullable: true, description: minPositionDescription(CUSTOMER_PROFILE) })
    minPosition: bigint | null,
    @Ctx() context: Context,
  ): Promise<CustomerProfileRow | null> {
    await readAfter(context, CUSTOMER_PROFILE, minPosition);
    const row = await findCustomerByEmail(context.services.db.sql, email);
    if (row) context.loaders.customerProfile.prime(row.id, row);
    return row;
  }
}
