/**
 * Subscription documents already parsed and validated, by query text. Apollo keeps such a
 * store for HTTP; graphql-ws parses and validates every `subscribe` again, and clients send
 * the same few documents, all at once when a fleet reconnects after a deploy. Validation is
 * a function of the text alone (no rule reads variables), so only valid documents are kept;
 * the least recently used goes first.
 */
import type { DocumentNode } from "graphql";

export class DocumentCache {
  private readonly documents = new Map<string, DocumentNode>();

  constructor(private readonly capacity = 1000) {}

  get(query: string): DocumentNode | undefined {
    const document = this.documents.get(query);
    if (document) {
      this.documents.delete(query);
      this.documents.set(query, document);
    }
    return document;
  }

  /** Keeps a document that passed validation. */
  add(query: string, document: DocumentNode): void {
    this.documents.set(query, document);
    if (this.documents.size > this.capacity) this.documents.delete(this.documents.keys().next().value!);
  }

  get size(): number {
    return this.documents.size;
  }
}
