-- Searches read the GIN indexes of ORDER_SEARCH and the catalog on every request. With
-- fastupdate, new entries wait in a pending list that every search scans until it reaches
-- gin_pending_list_limit (4 MB by default) or a vacuum merges it: after a rebuild, that
-- doubled the time of a search (bench/queries.ts). Without fastupdate, every entry goes
-- straight into the index, and rebuilding ORDER_SEARCH takes 1.8 times as long. So: a
-- pending list of at most 128 kB (a rebuild still merges in bulk), and the projector merges
-- what is left when it has caught up (ReadModel.analyze). The same for the indexes that find
-- the rows of a renamed product.
ALTER INDEX "order_search_document_idx" SET (gin_pending_list_limit = 128);
ALTER INDEX "catalog_products_search_idx" SET (gin_pending_list_limit = 128);
ALTER INDEX "order_search_products_idx" SET (gin_pending_list_limit = 128);
ALTER INDEX "order_summaries_items_idx" SET (gin_pending_list_limit = 128);

-- Merge what waits there now.
SELECT gin_clean_pending_list('order_search_document_idx'::regclass),
       gin_clean_pending_list('catalog_products_search_idx'::regclass),
       gin_clean_pending_list('order_search_products_idx'::regclass),
       gin_clean_pending_list('order_summaries_items_idx'::regclass);
