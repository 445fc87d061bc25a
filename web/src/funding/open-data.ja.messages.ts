import type { Shape } from '../i18n/en.js';
import type { openDataEn } from './open-data.messages.js';

/** Japanese texts of open-data.messages.ts (same keys as openDataEn, checked by the compiler). */
export const openDataJa: Shape<typeof openDataEn> = {
  title: 'オープンデータ',
  intro: 'Carebridge は、パートナーや一般の人が再利用できるデータを、援助の世界で使われる形式で公開しています。各リンクは API から最新のデータを直接ダウンロードします。',
  publicOnly: 'IATI と HXL のファイルには公開項目（プロジェクトの資金、組織、セクター、州）だけが含まれます。施設名、正確な座標、電力・燃料の状況、事件の情報源は決して含まれません。',
  download: 'ダウンロード',
  iatiTitle: 'IATI 活動データ（XML）',
  iatiText: '国際援助透明性イニシアティブ（IATI）の標準である IATI 2.03 活動 XML です。各プロジェクトの識別子、多言語の名称、参加組織、セクター、予算、取引、成果を含みます。公式スキーマに適合し、IATI コードリストにあるコードだけを使います。',
  iatiAll: 'すべてのプロジェクト',
  iatiAllText: 'Carebridge に記録されたすべてのプロジェクト。',
  iatiOrg: '一つの報告組織',
  publisher: '報告組織',
  choosePublisher: '組織を選んでください',
  hxlTitle: 'HXL 表（CSV）',
  hxlText: '見出しの下に Humanitarian Exchange Language のハッシュタグ行（#org、#sector、#adm1、#value…）がある CSV です。HDX などのツールが各列を推測なしに読めます。',
  hxl3w: '3W：誰が・何を・どこで',
  hxl3wText: '組織・プロジェクト・セクター・州ごとに1行。',
  hxlFlows: '資金の流れ',
  hxlFlowsText: '取引ごとに1行。元の金額、USD 換算額（#value+c_usd）、使用したレートとその日付・出典を含みます。',
  facilitiesTitle: '保健医療施設（GeoJSON、CSV）',
  facilitiesText: 'サインインしたパートナー向けの施設台帳（パートナー・レベルのデータ）です。役割上正確な座標を見られない場合、座標は約 10 km に丸められます。CSV は Carebridge に再取り込みできます。',
  facilitiesSignIn: '施設台帳をダウンロードするにはサインインしてください。サインインしない場合、公開されているのは概要ページの州別の件数だけです。',
  importTitle: 'IATI 活動の取り込み',
  importText: 'IATI 2.03 活動ファイル（XML）。他の公開者のファイルや当システムのエクスポートなど。すべての活動を検査し（構造、IATI コードリストのコード、プロジェクトの規則）、すべてを保存するか何も保存しません。保存済みの活動は上書きしません。未登録の組織は作成されます。',
  importSummary: '活動 {{activities}} 件、取引 {{transactions}} 件、新しい組織 {{organizations}} 件。',
  importChecked: '検査済み：活動 {{activities}} 件、問題 {{errors}} 件。何も保存していません。',
  geojsonText: '地図用のポイント（QGIS、MapLibre、Leaflet）。',
  csvText: '表計算ソフト用の表。1施設1行。',
};
