import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { contextOf } from '../../http/access-rule.js';
import { IdParams, ImportResult } from '../../http/common.schema.js';
import { importRoute, tableOf } from '../../http/import-route.js';
import { listRoute } from '../../http/list-route.js';
import type { Database } from '../../db/database.js';
import { importProducts } from './products.import.js';
import { Product, ProductCreate, ProductDelete, ProductListFilters, ProductUpdate } from './products.schema.js';
import { createProduct, deleteProductRecord, getProduct, listProductRows, presentProduct, updateProductRecord } from './products.service.js';
import { ProductStock } from './stock.schema.js';
import { productStock } from './stock.service.js';
import { errors, READERS, WRITERS } from './supply.access.js';

const tags = ['products'];

export function productRoutes(database: Database, importLimitBytes: number): FastifyPluginAsyncTypebox {
  return async (app) => {
    listRoute(app, {
      url: '/api/v1/products',
      access: READERS,
      tags,
      filters: ProductListFilters,
      item: Product,
      keyset: 'id',
      load: ({ filters }, page) => listProductRows(database, filters, page),
      present: (rows) => rows.map(presentProduct),
    });
    app.post('/api/v1/products', { config: { access: WRITERS }, schema: { tags, body: ProductCreate, response: { 201: Product, ...errors } } }, async (req, reply) => {
      const row = await createProduct(database, contextOf(req), req.body);
      return reply.code(201).header('location', `/api/v1/products/${row.id}`).send(presentProduct(row));
    });
    importRoute(app, {
      database,
      url: '/api/v1/products/import',
      job: 'product_import',
      access: WRITERS,
      tags,
      bodyLimit: importLimitBytes,
      accepts: { formats: ['csv', 'xlsx'] },
      result: ImportResult,
      run: ({ body, ctx, dryRun, run }) => {
        const table = tableOf(body);
        return importProducts(database, ctx, table.stream, table.format, { dryRun, run });
      },
    });
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
