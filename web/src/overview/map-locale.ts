import type { Language } from '../i18n/i18n.js';

/**
 * MapLibre's own interface strings (its `locale` option: button titles, the map's name for screen readers), in
 * each language. Kept beside the map rather than in the message catalogues: the keys are MapLibre's, and only
 * the controls the maps use are listed (MapLibre falls back to English for the rest).
 */
export const MAP_LOCALE: Record<Language, Record<string, string>> = {
  uk: {
    'Map.Title': 'Карта',
    'NavigationControl.ZoomIn': 'Збільшити',
    'NavigationControl.ZoomOut': 'Зменшити',
    'NavigationControl.ResetBearing': 'Потягніть, щоб повернути карту; клацніть, щоб повернути північ угору',
    'AttributionControl.ToggleAttribution': 'Показати або сховати джерела',
    'FullscreenControl.Enter': 'На весь екран',
    'FullscreenControl.Exit': 'Вийти з повноекранного режиму',
    'Marker.Title': 'Позначка на карті',
    'Popup.Close': 'Закрити',
    'CooperativeGesturesHandler.WindowsHelpText': 'Щоб змінити масштаб, гортайте з натиснутою Ctrl',
    'CooperativeGesturesHandler.MacHelpText': 'Щоб змінити масштаб, гортайте з натиснутою ⌘',
    'CooperativeGesturesHandler.MobileHelpText': 'Рухайте карту двома пальцями',
    'ScaleControl.Kilometers': 'км',
    'ScaleControl.Meters': 'м',
  },
  en: {
    'Map.Title': 'Map',
    'NavigationControl.ZoomIn': 'Zoom in',
    'NavigationControl.ZoomOut': 'Zoom out',
    'NavigationControl.ResetBearing': 'Drag to rotate the map, click to reset north',
    'AttributionControl.ToggleAttribution': 'Show or hide the sources',
    'FullscreenControl.Enter': 'Full screen',
    'FullscreenControl.Exit': 'Leave full screen',
    'Marker.Title': 'Map marker',
    'Popup.Close': 'Close',
    'CooperativeGesturesHandler.WindowsHelpText': 'Use Ctrl + scroll to zoom the map',
    'CooperativeGesturesHandler.MacHelpText': 'Use ⌘ + scroll to zoom the map',
    'CooperativeGesturesHandler.MobileHelpText': 'Use two fingers to move the map',
    'ScaleControl.Kilometers': 'km',
    'ScaleControl.Meters': 'm',
  },
  ja: {
    'Map.Title': '地図',
    'NavigationControl.ZoomIn': '拡大',
    'NavigationControl.ZoomOut': '縮小',
    'NavigationControl.ResetBearing': 'ドラッグで地図を回転、クリックで北を上に戻す',
    'AttributionControl.ToggleAttribution': '出典の表示・非表示',
    'FullscreenControl.Enter': '全画面表示',
    'FullscreenControl.Exit': '全画面表示を終了',
    'Marker.Title': '地図上の目印',
    'Popup.Close': '閉じる',
    'CooperativeGesturesHandler.WindowsHelpText': 'Ctrl キーを押しながらスクロールすると拡大・縮小します',
    'CooperativeGesturesHandler.MacHelpText': '⌘ キーを押しながらスクロールすると拡大・縮小します',
    'CooperativeGesturesHandler.MobileHelpText': '2 本の指で地図を動かします',
    'ScaleControl.Kilometers': 'km',
    'ScaleControl.Meters': 'm',
  },
};

/** The sources the maps draw from, as their licences ask: geoBoundaries (CC BY 4.0) and Natural Earth. */
export const MAP_ATTRIBUTION: Record<Language, string> = {
  uk: 'Межі областей: <a href="https://www.geoboundaries.org/">geoBoundaries</a> (<a href="https://creativecommons.org/licenses/by/4.0/deed.uk">CC BY 4.0</a>), спрощено · контур країни: Natural Earth',
  en: 'Oblast boundaries: <a href="https://www.geoboundaries.org/">geoBoundaries</a> (<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>), simplified · country outline: Natural Earth',
  ja: '州境界: <a href="https://www.geoboundaries.org/">geoBoundaries</a>（<a href="https://creativecommons.org/licenses/by/4.0/deed.ja">CC BY 4.0</a>、簡略化）· 国境: Natural Earth',
};
