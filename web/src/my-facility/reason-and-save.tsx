import { useTranslation } from 'react-i18next';

/** The end of every action form on My facility: a free-text reason, the refusal if any, and the save button. */
export function ReasonAndSave({ reasonLabel, reason, onReason, problem, saveLabel }: { reasonLabel: string; reason: string; onReason: (reason: string) => void; problem: string | null; saveLabel: string }) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        {t(reasonLabel)}
        <input name="reason" maxLength={500} value={reason} onChange={(e) => onReason(e.target.value)} />
      </label>
      {problem === null ? null : (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <p className="actions">
        <button type="submit">{t(saveLabel)}</button>
      </p>
    </>
  );
}
