/** Sealed personal fields and their data keys, on the real database. */
import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../../test/support/database.js";
import { DataKeys, ForgottenSubjectError, PersonalData, SEALED, type PersonalFields, type Query } from "./personal-data.js";

const database = useTestDatabase();
const query: Query = (text, params) => database.db.sql.query(text, params);

const PROFILE: PersonalFields = {
  subject: (data) => data.personId as string,
  fields: ["name", "email"],
  forgotten: { name: "[forgotten]", email: "[forgotten]" },
};
const personal = (keys: DataKeys) => new PersonalData(keys, new Map([["ProfileSet", PROFILE]]));

describe("personal data", () => {
  it("seals the declared fields under the subject's key, opens them again, and only them", async () => {
    const data = personal(new DataKeys(query, [randomBytes(32)]));
    const personId = randomUUID();
    const [sealed] = await data.seal(personId, [
      { type: "ProfileSet", data: { personId, name: "Ada", email: "ada@example.com", plan: "gold" } },
    ]);
    expect(Object.keys(sealed!).sort()).toEqual([SEALED, "personId", "plan"].sort());
    expect(JSON.stringify(sealed)).not.toMatch(/Ada|ada@example/);
    // Other types pass as they are.
    const [other] = await data.seal(personId, [{ type: "PlanChanged", data: { personId, plan: "silver" } }]);
    expect(other).toEqual({ personId, plan: "silver" });

    const rows = [{ type: "ProfileSet", streamId: personId, data: sealed! }];
    await data.open(rows);
    expect(rows[0]!.data).toEqual({ personId, name: "Ada", email: "ada@example.com", plan: "gold" });
  });

  it("reads a forgotten subject's fields as the placeholders, and seals nothing more for it", async () => {
    const keys = new DataKeys(query, [randomBytes(32)]);
    const data = personal(keys);
    const personId = randomUUID();
    const [sealed] = await data.seal(personId, [{ type: "ProfileSet", data: { personId, name: "Grace", email: "grace@example.com" } }]);
    await keys.forget(personId);
    const rows = [{ type: "ProfileSet", streamId: personId, data: sealed! }];
    await data.open(rows);
    expect(rows[0]!.data).toEqual({ personId, name: "[forgotten]", email: "[forgotten]" });
    await expect(data.seal(personId, [{ type: "ProfileSet", data: { personId, name: "Again", email: "a@b.co" } }])).rejects.toBeInstanceOf(
      ForgottenSubjectError,
    );
    const [row] = await query<{ wrapped_key: string | null; forgotten_at: Date | null }>(
      "SELECT wrapped_key, forgotten_at FROM data_keys WHERE subject_id = $1",
      [personId],
    );
    expect(row!.wrapped_key).toBeNull();
    expect(row!.forgotten_at).not.toBeNull();
  });

  it("gives every concurrent writer of a new subject the same key", async () => {
    const keys = new DataKeys(query, [randomBytes(32)]);
    const subject = randomUUID();
    const obtained = await Promise.all(Array.from({ length: 8 }, () => keys.obtain(subject)));
    for (const key of obtained) expect(key.equals(obtained[0]!)).toBe(true);
  });

  it("refuses a box moved to another subject or event type", async () => {
    const data = personal(new DataKeys(query, [randomBytes(32)]));
    const [a, b] = [randomUUID(), randomUUID()];
    const [sealedA] = await data.seal(a, [{ type: "ProfileSet", data: { personId: a, name: "A", email: "a@example.com" } }]);
    await data.seal(b, [{ type: "ProfileSet", data: { personId: b, name: "B", email: "b@example.com" } }]);
    const box = (sealedA as Record<string, { subject: string }>)[SEALED]!;
    const moved = { personId: b, [SEALED]: { ...box, subject: b } };
    await expect(data.open([{ type: "ProfileSet", streamId: b, data: moved }])).rejects.toThrow();
  });

  it("rotates the master key: the new one wraps, the previous one still opens, and after a rewrap only the new one is needed", async () => {
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    await query("DELETE FROM data_keys", []); // the other tests' keys, under their own master keys
    const subject = randomUUID();
    const original = await new DataKeys(query, [oldKey]).obtain(subject);
    await expect(new DataKeys(query, [newKey]).get([subject])).rejects.toThrow(/none of the configured master keys/);
    const rotating = new DataKeys(query, [newKey, oldKey]);
    expect((await rotating.get([subject])).get(subject)!.equals(original)).toBe(true);
    expect(await database.db.sql.transaction((tx) => rotating.rewrapAll((text, params) => tx.query(text, params)))).toBeGreaterThan(0);
    expect((await new DataKeys(query, [newKey]).get([subject])).get(subject)!.equals(original)).toBe(true);
  });
});
