import type { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { contextOf } from '../../http/access-rule.js';
import { IdParams } from '../../http/common.schema.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { tableFormatOf } from '../../io/table-reader.js';
import { importProducts } from './products.import.js';
import { Product, ProductCreate, ProductDelete, ProductList, ProductListQuery, ProductUpdate } from './products.schema.js';
import { createProduct, deleteProductRecord, getProduct, listProductPage, presentProduct, updateProductRecord } from './products.service.js';
import { ProductStock } from './stock.schema.js';
import { productStock } from './stock.service.js';
import { errors, READERS, WRITERS } from './supply.access.js';

const tags = ['products'];
const ImportResult = Type.Object({
  dryRun: Type.Boolean(),
  rows: Type.Integer(),
  imported: Type.Integer(),
  errorCount: Type.Integer(),
  errors: Type.Array(Type.Object({ row: Type.Integer(), column: Type.String(), message: Type.String() })),
});

export function productRoutes(database: Database, importLimitBytes: number): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/api/v1/products', { config: { access: READERS }, schema: { tags, querystring: ProductListQuery, response: { 200: ProductList, ...errors } } }, async (req) => {
      const page = await listProductPage(database, req.query);
      return { items: page.rows.map(presentProduct), nextCursor: page.nextCursor };
    });
    app.post('/api/v1/products', { config: { access: WRITERS }, schema: { tags, body: ProductCreate, response: { 201: Product, ...errors } } }, async (req, reply) => {
      const row = await createProduct(database, contextOf(req), req.body);
      return reply.code(201).header('location', `/api/v1/products/${row.id}`).send(presentProduct(row));
    });
    app.post(
      '/api/v1/products/import',
      { config: { access: WRITERS }, bodyLimit: importLimitBytes, schema: { tags, querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean({ default: false })) }, { additionalProperties: false }), response: { 200: ImportResult, ...errors } } },
      async (req) => {
        const format = tableFormatOf(req.headers['content-type'] ?? '');
        if (format === undefined || typeof (req.body as NodeJS.ReadableStream | undefined)?.pipe !== 'function') {
          throw new AppError('validation_failed', 'Send the file as the body with Content-Type text/csv or the XLSX type.', { errors: [{ path: '/headers/content-type', message: 'must be text/csv or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }] });
        }
        return importProducts(database, contextOf(req), req.body as PassThrough, format, { dryRun: req.query.dryRun ?? false });
      },
    );
    app.get('/api/v1/products/:id', { config: { access: READERS }, schema: { tags, params: IdParams, response: { 200: Product, ...errors } } }, async (req) => presentProduct(await getProduct(database.db, req.params.id)));
    app.patch('/api/v1/products/:id', { config: { access: WRITERS }, schema: { tags, params: IdParams, body: ProductUpdate, response: { 200: Product, ...errors } } }, async (req) =>
      presentProduct(await updateProductRecord(database, contextOf(req), req.params.id, req.body)),
    );
    app.delete('/api/v1/products/:id', { config: { access: WRITERS }, schema: { tags, params: IdParams, body: ProductDelete, response: { 204: Type.Null(), ...errors } } }, async (req, reply) => {
      await deleteProductRecord(database, contextOf(req), req.params.id, req.body.version);
      return reply.code(204).send(null);
    });
    app.get('/api/v1/products/:id/stock', { config: { access: READERS }, schema: { tags, params: IdParams, response: { 200: ProductStock, ...errors } } }, async (req) => productStock(database, req.principal, req.params.id));
  };
}
