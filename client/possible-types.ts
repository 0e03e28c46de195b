
      export type PossibleTypesResultData = {
  "possibleTypes": {
    "CommandResult": [
      "AddOrderItemPayload",
      "AddProductPayload",
      "CancelOrderPayload",
      "ChangeCustomerEmailPayload",
      "ChangeCustomerPhoneNumberPayload",
      "ChangeProductPricePayload",
      "CreateOrderPayload",
      "DepositMoneyPayload",
      "OpenAccountPayload",
      "RegisterCustomerPayload",
      "RemoveOrderItemPayload",
      "RenameProductPayload",
      "ShipOrderPayload",
      "UpdateCustomerAddressPayload",
      "WithdrawMoneyPayload"
    ]
  }
};
      const result: PossibleTypesResultData = {
  "possibleTypes": {
    "CommandResult": [
      "AddOrderItemPayload",
      "AddProductPayload",
      "CancelOrderPayload",
      "ChangeCustomerEmailPayload",
      "ChangeCustomerPhoneNumberPayload",
      "ChangeProductPricePayload",
      "CreateOrderPayload",
      "DepositMoneyPayload",
      "OpenAccountPayload",
      "RegisterCustomerPayload",
      "RemoveOrderItemPayload",
      "RenameProductPayload",
      "ShipOrderPayload",
      "UpdateCustomerAddressPayload",
      "WithdrawMoneyPayload"
    ]
  }
};
      export default result;
    