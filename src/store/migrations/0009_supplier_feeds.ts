/**
 * Procurement: each registered supplier's feed of matching tenders is read by a feed reader,
 * which cannot sign in; it is reached by a random token of its own.
 */
export const supplierFeeds = `
alter table procurement_suppliers add column feed_token text unique;
`;
