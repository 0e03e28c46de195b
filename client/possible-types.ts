
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
      "ForgetCustomerPayload",
      "OpenAccountPayload",
      "RegisterCustomerPayload",
      "RemoveOrderItemPayload",
      "RenameProductPayload",
      "ShipOrderPayload",
      "UpdateCustomerAddressPayload",
      "WithdrawMoneyPayload"
    ],
    "Node": [
      "Account",
      "Customer",
      "OrderSummary",
      "Product"
    ],
    "ReadModelRow": [
      "Account",
      "Customer",
      "OrderSummary",
      "Product"
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
      "ForgetCustomerPayload",
      "OpenAccountPayload",
      "RegisterCustomerPayload",
      "RemoveOrderItemPayload",
      "RenameProductPayload",
      "ShipOrderPayload",
      "UpdateCustomerAddressPayload",
      "WithdrawMoneyPayload"
    ],
    "Node": [
      "Account",
      "Customer",
      "OrderSummary",
      "Product"
    ],
    "ReadModelRow": [
      "Account",
      "Customer",
      "OrderSummary",
      "Product"
    ]
  }
};
      export default result;
    