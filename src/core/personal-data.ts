/**
 * Personal data in the log, erasable by crypto-shredding. An event type that carries personal
 * fields declares them (PersonalFields) and whose they are (its subject: a customer). On
 * append, those fields leave the payload and go, as one AES-256-GCM box, under the subject's
 * own data key; on read they come back out of the box. The data keys live in `data_keys`,
 * each wrapped under the master key (configuration: CATCHUP_MASTER_KEY). Forgetting a subject
 * deletes its key: every box sealed under it is unreadable from then on, in the log, in
 * backups of the log and in any copy of it, while the events themselves stay where they are.
 * A forgotten subject's fields read as the placeholders its type declares.
 *
 * Keys are not cached between reads: every read of sealed events loads the keys it needs
 * (one statement per batch), so no instance can open a box after the key's deletion commits.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** The fields of an event type that are personal data, and whose they are. */
export interface PersonalFields {
  /** The subject the fields describe (their key's owner): a customer id. */
  subject(data: Record<string, unknown>, streamId: string): string;
  /** The payload's personal fields, in the version appends write. */
  readonly fields: readonly string[];
  /**
   * What each personal field reads as once its subject is forgotten, for every field any
   * version of the type ever sealed (upcasters then see a payload of the right shape).
   */
  readonly forgotten: Readonly<Record<string, unknown>>;
}

/** Where a sealed payload keeps its box. */
export const SEALED = "$sealed";

interface Sealed {
  subject: string;
  fields: string[];
  /** base64 of iv (12 bytes) ‖ tag (16 bytes) ‖ ciphertext of the fields' JSON. */
  box: string;
}

/** One statement, on a connection or in a transaction. */
export type Query = <Row>(text: string, params: readonly unknown[]) => Promise<Row[]>;

/** The subject was forgotten: nothing may be written under its name again. */
export class ForgottenSubjectError extends Error {
  constructor(readonly subject: string) {
    super(`the personal data of ${subject} was erased`);
    this.name = "ForgottenSubjectError";
  }
}

/** A 32-byte key from configuration: 64 hex digits or 44 base64 characters. Throws on anything else. */
export function parseMasterKey(text: string): Buffer {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, "hex");
  if (/^[A-Za-z0-9+/]{43}=$/.test(trimmed)) return Buffer.from(trimmed, "base64");
  throw new Error("a master key is 32 random bytes, as 64 hex digits or 44 base64 characters (e.g. `openssl rand -base64 32`)");
}

/** AES-256-GCM under `key`, bound to `context` (as additional authenticated data). */
export function encrypt(key: Buffer, plain: Buffer, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
}

/** The inverse of `encrypt`; throws when the key, the context or the box is not the one sealed. */
export function decrypt(key: Buffer, box: string, context: string): Buffer {
  const bytes = Buffer.from(box, "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, 12));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]);
}

/**
 * The data keys (table `data_keys`), wrapped under the master key. `masterKeys[0]` wraps new
 * keys; the others (previous master keys, during a rotation) are tried too when unwrapping.
 */
export class DataKeys {
  constructor(
    private readonly query: Query,
    private readonly masterKeys: readonly Buffer[],
  ) {
    if (masterKeys.length === 0) throw new Error("DataKeys needs a master key");
  }

  /** The subjects' keys: a key, null for a forgotten subject; absent when it has none yet. */
  async get(subjects: readonly string[], query: Query = this.query): Promise<Map<string, Buffer | null>> {
    const rows = await query<{ subject_id: string; wrapped_key: string | null }>(
      "SELECT subject_id, wrapped_key FROM data_keys WHERE subject_id = ANY($1::text[])",
      [subjects],
    );
    return new Map(rows.map((row) => [row.subject_id, row.wrapped_key === null ? null : this.unwrap(row.wrapped_key, row.subject_id)]));
  }

  /** The subject's key, made now if it has none; ForgottenSubjectError when it was forgotten. */
  async obtain(subject: string, query: Query = this.query): Promise<Buffer> {
    for (;;) {
      const key = (await this.get([subject], query)).get(subject);
      if (key === null) throw new ForgottenSubjectError(subject);
      if (key) return key;
      const fresh = randomBytes(32);
      const [made] = await query<{ subject_id: string }>(
        "INSERT INTO data_keys (subject_id, wrapped_key) VALUES ($1, $2) ON CONFLICT (subject_id) DO NOTHING RETURNING subject_id",
        [subject, encrypt(this.masterKeys[0]!, fresh, `data-key:${subject}`)],
      );
      if (made) return fresh;
      // Another writer made it (or forgot the subject) first: read what it wrote.
    }
  }

  /** Deletes the subject's key, for good: its row stays as a tombstone (see `obtain`). */
  async forget(subject: string, query: Query = this.query): Promise<void> {
    await query(
      `INSERT INTO data_keys (subject_id, wrapped_key, forgotten_at) VALUES ($1, NULL, now())
       ON CONFLICT (subject_id) DO UPDATE SET wrapped_key = NULL, forgotten_at = COALESCE(data_keys.forgotten_at, now())`,
      [subject],
    );
  }

  /**
   * Wraps every key under `masterKeys[0]` (after a rotation: the new master key first, the
   * old one after it). Returns how many were rewrapped.
   */
  async rewrapAll(query: Query = this.query): Promise<number> {
    const rows = await query<{ subject_id: string; wrapped_key: string }>(
      "SELECT subject_id, wrapped_key FROM data_keys WHERE wrapped_key IS NOT NULL ORDER BY subject_id FOR UPDATE",
      [],
    );
    for (const row of rows) {
      const key = this.unwrap(row.wrapped_key, row.subject_id);
      await query("UPDATE data_keys SET wrapped_key = $2 WHERE subject_id = $1 AND wrapped_key IS NOT NULL", [
        row.subject_id,
        encrypt(this.masterKeys[0]!, key, `data-key:${row.subject_id}`),
      ]);
    }
    return rows.length;
  }

  private unwrap(wrapped: string, subject: string): Buffer {
    for (const master of this.masterKeys) {
      try {
        return decrypt(master, wrapped, `data-key:${subject}`);
      } catch {
        // Wrapped under another master key: try the next.
      }
    }
    throw new Error(`the data key of ${subject} opens under none of the configured master keys (CATCHUP_MASTER_KEY)`);
  }
}

/** An event's payload in and out of the log. */
export interface PayloadRow {
  readonly type: string;
  readonly streamId: string;
  data: object;
}

/** Seals and opens the personal fields of the event types that declare them. */
export class PersonalData {
  constructor(
    readonly keys: DataKeys,
    private readonly types: ReadonlyMap<string, PersonalFields>,
  ) {}

  /** Whether any event type carries personal data. */
  get declared(): boolean {
    return this.types.size > 0;
  }

  /** The payloads with their personal fields sealed under their subjects' keys. */
  async seal(streamId: string, events: readonly { type: string; data: object }[], query?: Query): Promise<object[]> {
    if (!events.some((event) => this.types.has(event.type))) return events.map((event) => event.data);
    return Promise.all(
      events.map(async ({ type, data }) => {
        const personal = this.types.get(type);
        if (!personal) return data;
        const record = data as Record<string, unknown>;
        const subject = personal.subject(record, streamId);
        const clear: Record<string, unknown> = {};
        const secret: Record<string, unknown> = {};
        for (const [field, value] of Object.entries(record)) (personal.fields.includes(field) ? secret : clear)[field] = value;
        const key = await this.keys.obtain(subject, query);
        const fields = Object.keys(secret);
        const sealed: Sealed = { subject, fields, box: encrypt(key, Buffer.from(JSON.stringify(secret)), boxContext(subject, type)) };
        return { ...clear, [SEALED]: sealed };
      }),
    );
  }

  /**
   * Opens the sealed payloads of `rows` in place (one statement for all their keys); a
   * forgotten subject's fields become its type's placeholders.
   */
  async open(rows: readonly PayloadRow[]): Promise<void> {
    const sealed = rows.filter((row) => SEALED in row.data);
    if (sealed.length === 0) return;
    const subjects = [...new Set(sealed.map((row) => (row.data as { [SEALED]: Sealed })[SEALED].subject))];
    const keys = await this.keys.get(subjects);
    for (const row of sealed) {
      const { [SEALED]: box, ...clear } = row.data as { [SEALED]: Sealed } & Record<string, unknown>;
      const key = keys.get(box.subject);
      if (key) {
        row.data = { ...clear, ...(JSON.parse(decrypt(key, box.box, boxContext(box.subject, row.type)).toString()) as object) };
      } else {
        const forgotten = this.types.get(row.type)?.forgotten ?? {};
        row.data = { ...clear, ...Object.fromEntries(box.fields.map((field) => [field, forgotten[field] ?? null])) };
      }
    }
  }

  /**
   * A payload written in clear (by a version of Catchup before sealing), with its personal
   * fields replaced by the placeholders; null when the event type has none or it is sealed.
   */
  redacted(type: string, data: object): object | null {
    const personal = this.types.get(type);
    if (!personal || SEALED in data) return null;
    const record = data as Record<string, unknown>;
    const fields = Object.keys(record).filter((field) => field in personal.forgotten);
    if (fields.length === 0) return null;
    return { ...record, ...Object.fromEntries(fields.map((field) => [field, personal.forgotten[field]])) };
  }
}

/** A box opens only as the payload of its subject and its event type. */
const boxContext = (subject: string, type: string) => `event:${type}:${subject}`;
