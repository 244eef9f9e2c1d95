/**
 * Procurement: releases are kept as the text published, not as jsonb, since they are only ever
 * read back whole to be compiled (jsonb cost a parse on the way in and a print on the way out);
 * and the compiled release is no longer stored beside the facts taken from it, as it doubled the
 * store and nothing read it. It is compiled again from the releases when wanted.
 */
export const ocdsText = `
alter table procurement_releases alter column release type text using release::text;
alter table procurement_processes drop column compiled;
`;
