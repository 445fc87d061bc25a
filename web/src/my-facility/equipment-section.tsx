import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Asset } from '../../../src/modules/assets/assets.schema.js';
import { enqueue } from '../offline/outbox-runner.js';
import { ReasonAndSave } from './reason-and-save.js';

const CONDITIONS = ['needs_attention', 'not_functioning', 'functioning'] as const;

/** One generator or device, and the form to report its condition (an `asset_status` record on the version seen here). */
function EquipmentRow({ asset, onSaved }: { asset: Asset; onSaved: (label: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [condition, setCondition] = useState<(typeof CONDITIONS)[number]>('needs_attention');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    if (condition !== 'functioning' && reason.trim() === '') return setProblem(t('myFacility.equipment.reasonNeeded'));
    setProblem(null);
    const label = t('myFacility.equipment.label', { product: asset.productName, serial: asset.serial, condition: t(`myFacility.equipment.conditions.${condition}`) });
    await enqueue({ kind: 'asset_status', body: { assetId: asset.id, baseVersion: asset.version, status: condition, ...(reason.trim() === '' ? {} : { reason: reason.trim() }) }, label });
    onSaved(label);
    setOpen(false);
    setReason('');
  }

  return (
    <li className="mf-card" data-testid={`asset-${asset.serial}`}>
      <strong>{asset.productName}</strong>
      <p className="muted">
        {t('myFacility.equipment.serial', { serial: asset.serial })} · {t(`supply.assetStatus.${asset.status}`)}
        {asset.statusReason === null ? null : ` — ${asset.statusReason}`}
      </p>
      <p className="actions">
        <button type="button" className="secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
          {t('myFacility.equipment.report')}
        </button>
      </p>
      {open ? (
        <form onSubmit={(e) => void save(e)} className="mf-panel">
          <label>
            {t('myFacility.equipment.condition')}
            <select name="condition" value={condition} onChange={(e) => setCondition(e.target.value as (typeof CONDITIONS)[number])}>
              {CONDITIONS.map((c) => (
                <option key={c} value={c}>
                  {t(`myFacility.equipment.conditions.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <ReasonAndSave reasonLabel="myFacility.equipment.reason" reason={reason} onReason={setReason} problem={problem} saveLabel="myFacility.equipment.save" />
        </form>
      ) : null}
    </li>
  );
}

export function EquipmentSection({ assets, onSaved }: { assets: readonly Asset[]; onSaved: (label: string) => void }) {
  const { t } = useTranslation();
  if (assets.length === 0) return <p className="muted">{t('myFacility.equipment.none')}</p>;
  return (
    <ul className="mf-cards">
      {assets.map((a) => (
        <EquipmentRow key={a.id} asset={a} onSaved={onSaved} />
      ))}
    </ul>
  );
}
