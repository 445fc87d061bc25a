/**
 * Administrative centres of the first-level units (Ukrainian, English) and a
 * rough share of the country's health facilities, after pre-war population.
 * Spread is the standard deviation in degrees for scattering facilities
 * around the centre: small for the cities with special status.
 */
export interface DemoPlace {
  iso: string;
  cityUk: string;
  cityEn: string;
  share: number;
  spread: number;
}

export const DEMO_PLACES: readonly DemoPlace[] = [
  { iso: 'UA-05', cityUk: 'Вінниця', cityEn: 'Vinnytsia', share: 3.7, spread: 0.45 },
  { iso: 'UA-07', cityUk: 'Луцьк', cityEn: 'Lutsk', share: 2.5, spread: 0.45 },
  { iso: 'UA-09', cityUk: 'Луганськ', cityEn: 'Luhansk', share: 2.0, spread: 0.4 },
  { iso: 'UA-12', cityUk: 'Дніпро', cityEn: 'Dnipro', share: 7.5, spread: 0.45 },
  { iso: 'UA-14', cityUk: 'Краматорськ', cityEn: 'Kramatorsk', share: 5.0, spread: 0.35 },
  { iso: 'UA-18', cityUk: 'Житомир', cityEn: 'Zhytomyr', share: 3.0, spread: 0.5 },
  { iso: 'UA-21', cityUk: 'Ужгород', cityEn: 'Uzhhorod', share: 3.0, spread: 0.35 },
  { iso: 'UA-23', cityUk: 'Запоріжжя', cityEn: 'Zaporizhzhia', share: 4.0, spread: 0.35 },
  { iso: 'UA-26', cityUk: 'Івано-Франківськ', cityEn: 'Ivano-Frankivsk', share: 3.2, spread: 0.35 },
  { iso: 'UA-30', cityUk: 'Київ', cityEn: 'Kyiv', share: 7.0, spread: 0.07 },
  { iso: 'UA-32', cityUk: 'Біла Церква', cityEn: 'Bila Tserkva', share: 4.2, spread: 0.45 },
  { iso: 'UA-35', cityUk: 'Кропивницький', cityEn: 'Kropyvnytskyi', share: 2.2, spread: 0.45 },
  { iso: 'UA-40', cityUk: 'Севастополь', cityEn: 'Sevastopol', share: 0.5, spread: 0.04 },
  { iso: 'UA-43', cityUk: 'Сімферополь', cityEn: 'Simferopol', share: 2.0, spread: 0.3 },
  { iso: 'UA-46', cityUk: 'Львів', cityEn: 'Lviv', share: 6.0, spread: 0.45 },
  { iso: 'UA-48', cityUk: 'Миколаїв', cityEn: 'Mykolaiv', share: 2.6, spread: 0.4 },
  { iso: 'UA-51', cityUk: 'Одеса', cityEn: 'Odesa', share: 5.5, spread: 0.45 },
  { iso: 'UA-53', cityUk: 'Полтава', cityEn: 'Poltava', share: 3.3, spread: 0.45 },
  { iso: 'UA-56', cityUk: 'Рівне', cityEn: 'Rivne', share: 2.7, spread: 0.45 },
  { iso: 'UA-59', cityUk: 'Суми', cityEn: 'Sumy', share: 2.5, spread: 0.45 },
  { iso: 'UA-61', cityUk: 'Тернопіль', cityEn: 'Ternopil', share: 2.4, spread: 0.3 },
  { iso: 'UA-63', cityUk: 'Харків', cityEn: 'Kharkiv', share: 6.0, spread: 0.45 },
  { iso: 'UA-65', cityUk: 'Херсон', cityEn: 'Kherson', share: 2.3, spread: 0.35 },
  { iso: 'UA-68', cityUk: 'Хмельницький', cityEn: 'Khmelnytskyi', share: 2.9, spread: 0.4 },
  { iso: 'UA-71', cityUk: 'Черкаси', cityEn: 'Cherkasy', share: 2.8, spread: 0.4 },
  { iso: 'UA-74', cityUk: 'Чернігів', cityEn: 'Chernihiv', share: 2.3, spread: 0.5 },
  { iso: 'UA-77', cityUk: 'Чернівці', cityEn: 'Chernivtsi', share: 2.0, spread: 0.25 },
];
