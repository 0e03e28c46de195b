import {
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLArgument,
  type GraphQLInputField,
} from "graphql";
import { describe, expect, it } from "vitest";
import { getSchema } from "./schema.js";
import { MODULES } from "../modules/index.js";

describe("the schema", () => {
  // An explicit null from a nullable variable may reach a non-null argument that has a
  // default; graphql-js then fails the field (before any resolver), which used to reach
  // clients as INTERNAL_SERVER_ERROR. Arguments with a default are nullable instead.
  it("has no non-null argument or input field with a default value", async () => {
    const schema = await getSchema(MODULES);
    const offenders: string[] = [];
    const check = (where: string, input: GraphQLArgument | GraphQLInputField) => {
      if (isNonNullType(input.type) && input.defaultValue !== undefined) offenders.push(`${where}.${input.name}: ${String(input.type)}`);
    };
    for (const type of Object.values(schema.getTypeMap())) {
      if ("getFields" in type && !type.name.startsWith("__")) {
        for (const field of Object.values(type.getFields())) {
          if ("args" in field) for (const arg of field.args) check(`${type.name}.${field.name}`, arg);
          else check(type.name, field as GraphQLInputField);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  // The document limits count a field once per item of each list above it: a list that says
  // nothing of its size would be counted as 100 items, too few for some and too many for others.
  it("declares the most items of every list field (ListOf or PagedBy)", async () => {
    const schema = await getSchema(MODULES);
    const undeclared: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith("__")) continue;
      for (const field of Object.values(type.getFields())) {
        if (isListType(getNullableType(field.type)) && field.extensions.listSize === undefined)
          undeclared.push(`${type.name}.${field.name}`);
      }
    }
    expect(undeclared).toEqual([]);
  });

  // schema.graphql is what a frontend developer reads: every type, field, argument, input
  // field and enum value says what it is, in a description.
  it("describes every type, field, argument, input field and enum value", async () => {
    const schema = await getSchema(MODULES);
    const undescribed: string[] = [];
    const need = (coordinate: string, description: string | null | undefined) => {
      if (!description?.trim()) undescribed.push(coordinate);
    };
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__") || isSpecifiedScalarType(type)) continue;
      need(type.name, type.description);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          need(`${type.name}.${field.name}`, field.description);
          for (const arg of field.args) need(`${type.name}.${field.name}(${arg.name}:)`, arg.description);
        }
      } else if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) need(`${type.name}.${field.name}`, field.description);
      } else if (isEnumType(type)) {
        for (const value of type.getValues()) need(`${type.name}.${value.name}`, value.description);
      }
    }
    expect(undescribed, `${undescribed.length} schema coordinates without a description:\n${undescribed.join("\n")}`).toEqual([]);
  });
});
