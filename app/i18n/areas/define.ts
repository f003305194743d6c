type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/**
 * One area's strings in the three languages. Kazakh and Russian must carry every English key
 * (checked by the compiler); they may add plural forms (Russian: _few, _many).
 */
export function defineArea<E extends object, R extends Widen<E>, K extends Widen<E>>(area: { en: E; ru: R; kk: K }) {
  return area;
}
