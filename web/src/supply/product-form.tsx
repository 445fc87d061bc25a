import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PRODUCT_KINDS, type Product, type ProductCreate, type ProductKind } from '../../../src/modules/supply/products.schema.js';
import { api } from '../api/client.js';
import { fieldErrorsOf, FormProblems, formText } from '../app/forms/form-field.js';
import { Field } from './supply-bits.js';
import { useSupplyRefresh } from './use-supply.js';

const TEXT_FIELDS = ['name', 'inn', 'atcCode', 'form', 'strength', 'unit'] as const;
const FIELDS = ['/kind', '/essential', '/packSize', '/gtin', ...TEXT_FIELDS.map((f) => `/${f}`)];

/** A new product, or changes to one (with its version); the server checks the GTIN's check digit and names the field. */
export function ProductForm({ product }: { product: Product | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const refresh = useSupplyRefresh();
  const save = useMutation({
    mutationFn: (body: ProductCreate) =>
      product === null ? api<Product>('/api/v1/products', { method: 'POST', body }) : api<Product>(`/api/v1/products/${product.id}`, { method: 'PATCH', body: { ...body, version: product.version } }),
    onSuccess: (saved) => {
      refresh();
      if (product === null) void navigate(`/supply/products/${saved.id}`);
    },
  });
  const errors = fieldErrorsOf(save.error);
  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = (k: string) => formText(form, k);
    const optional = (k: string) => (text(k) === '' ? null : text(k));
    const pack = text('packSize');
    save.mutate({
      kind: text('kind') as ProductKind,
      name: text('name'),
      inn: optional('inn'),
      atcCode: optional('atcCode')?.toUpperCase() ?? null,
      form: optional('form'),
      strength: optional('strength'),
      unit: text('unit'),
      packSize: pack === '' ? Number.NaN : Number(pack),
      gtin: optional('gtin')?.replace(/\s/g, '') ?? null,
      essential: form.get('essential') === 'on',
    });
  };
  return (
    <section>
      {product === null ? <h1>{t('supply.products.create')}</h1> : null}
      <form className="form-grid" data-testid="product-form" onSubmit={submit} noValidate>
        <Field label={t('supply.products.kind')} error={errors.get('/kind')}>
          {(props) => (
            <select {...props} name="kind" defaultValue={product?.kind ?? 'medicine'}>
              {PRODUCT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`supply.kinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {TEXT_FIELDS.map((k) => (
          <Field key={k} label={t(`supply.products.fields.${k}`)} error={errors.get(`/${k}`)} hint={k === 'atcCode' ? t('supply.products.atcHint') : undefined}>
            {(props) => <input {...props} name={k} defaultValue={product?.[k] ?? ''} maxLength={k === 'name' || k === 'inn' ? 200 : 100} />}
          </Field>
        ))}
        <Field label={t('supply.products.fields.packSize')} error={errors.get('/packSize')}>
          {(props) => <input {...props} name="packSize" type="number" inputMode="numeric" min={1} step={1} defaultValue={product?.packSize ?? 1} />}
        </Field>
        <Field label="GTIN" error={errors.get('/gtin')} hint={t('supply.products.gtinHint')}>
          {(props) => <input {...props} name="gtin" inputMode="numeric" autoComplete="off" maxLength={14} defaultValue={product?.gtin ?? ''} data-testid="gtin-input" />}
        </Field>
        <label className="check">
          <input type="checkbox" name="essential" defaultChecked={product?.essential ?? true} />
          {t('supply.products.onList')}
        </label>
        <div className="form-actions">
          <button type="submit" disabled={save.isPending}>
            {t('supply.save')}
          </button>
          {save.isSuccess && product !== null ? <span className="ok">{t('supply.saved')}</span> : null}
        </div>
        <FormProblems error={save.error} fields={FIELDS} />
      </form>
    </section>
  );
}
