import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver, UseMiddleware } from "type-graphql";
import { newId } from "../../../core/ids.js";
import { inputLimits } from "../../../graphql/limits.js";
import { ANY_ROLE, CUSTOMER_OR_ADMIN, mayRead, requireOwner } from "../../../graphql/authorization.js";
import { CommandResult, Consistency, CONSISTENCY_ARG } from "../../../graphql/common.js";
import { executeCommand } from "../../../graphql/command.js";
import type { Context } from "../../../graphql/context.js";
import { PositionScalar } from "../../../graphql/scalars.js";
import { customerDecider, type Address, type CustomerCommand } from "../customer.js";
import { customerWriteModel } from "../email-registry.js";
import { CUSTOMER_PROFILE, type CustomerProfileRow } from "../projections/customer-profile.js";
import {
  ChangeCustomerEmailInput,
  ChangeCustomerPhoneNumberInput,
  Customer,
  RegisterCustomerInput,
  UpdateCustomerAddressInput,
  type AddressInput,
} from "./types.js";


/** Customer streams are keyed by the customer id: a customer caller acts only on its own. */
function run(context: Context, input: RegisterCustomerInput | ChangeCustomerEmailInput | UpdateCustomerAddressInput | ChangeCustomerPhoneNumberInput, streamId: string, command: CustomerCommand, consistency: Consistency | null) {
  requireOwner(context, streamId);
  return executeCommand(context, customerDecider, input, { streamId, command }, consistency, {
    model: customerWriteModel(context.app.store, context.app.pipeline.states),
  });
}

const address = (input: AddressInput): Address => ({
  line1: input.line1,
  line2: input.line2 ?? null,
  city: input.city,
  postalCode: input.postalCode,
  country: input.country,
});

@Resolver()
@UseMiddleware(inputLimits)
export class CustomerResolver {
  @Authorized(CUSTOMER_OR_ADMIN)
  @Mutation(() => CommandResult, {
    description:
      "Registers a customer; the new id is the result's streamId. A customer token registers its own subject as the customer id (once); an admin registers a new customer.",
  })
  registerCustomer(
    @Arg("input", () => RegisterCustomerInput) input: RegisterCustomerInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandResult> {
    const customerId = context.principal?.role === "customer" ? context.principal.subject : newId();
    const { name, email, phone } = input;
    return run(context, input, customerId, { type: "RegisterCustomer", data: { customerId, name, email, phone, address: address(input.address) } }, consistency);
  }

  @Authorized(CUSTOMER_OR_ADMIN)
  @Mutation(() => CommandResult, { description: "DUPLICATE when another customer has the email." })
  changeCustomerEmail(
    @Arg("input", () => ChangeCustomerEmailInput) input: ChangeCustomerEmailInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandResult> {
    const { customerId, email } = input;
    return run(context, input, customerId, { type: "ChangeCustomerEmail", data: { customerId, email } }, consistency);
  }

  @Authorized(CUSTOMER_OR_ADMIN)
  @Mutation(() => CommandResult)
  updateCustomerAddress(
    @Arg("input", () => UpdateCustomerAddressInput) input: UpdateCustomerAddressInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandResult> {
    const { customerId } = input;
    return run(context, input, customerId, { type: "UpdateCustomerAddress", data: { customerId, address: address(input.address) } }, consistency);
  }

  @Authorized(CUSTOMER_OR_ADMIN)
  @Mutation(() => CommandResult)
  changeCustomerPhoneNumber(
    @Arg("input", () => ChangeCustomerPhoneNumberInput) input: ChangeCustomerPhoneNumberInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandResult> {
    const { customerId, phone } = input;
    return run(context, input, customerId, { type: "ChangeCustomerPhoneNumber", data: { customerId, phone } }, consistency);
  }

  @Authorized(ANY_ROLE)
  @Query(() => Customer, { nullable: true, description: "A customer from CUSTOMER_PROFILE (minPosition / minVersion wait as for account). Customers see only themselves: any other id answers null." })
  async customer(
    @Arg("id", () => ID) id: string,
    @Arg("minPosition", () => PositionScalar, { nullable: true }) minPosition: bigint | null,
    @Arg("minVersion", () => Int, { nullable: true }) minVersion: number | null,
    @Ctx() context: Context,
  ): Promise<CustomerProfileRow | null> {
    const { app, loaders } = context;
    await app.consistency.requirePosition(CUSTOMER_PROFILE, minPosition);
    // Another customer reads as a missing one (null), waits included.
    const visible = mayRead(context, id);
    return app.consistency.requireVersion(CUSTOMER_PROFILE, id, minVersion, async () => (visible ? loaders.customerProfile.clear(id).load(id) : null));
  }
}
