/**
 * A few lines of templating instead of a framework: `html` is a tagged template that escapes every
 * interpolated value unless it is already `Html` (the result of another `html` call or of `raw`).
 * Arrays are joined, `false`/`null`/`undefined` render nothing.
 */

export class Html {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

type Part = Html | string | number | bigint | boolean | null | undefined | readonly Part[];

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function renderPart(part: Part): string {
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(renderPart).join("");
  if (part === false || part === null || part === undefined) return "";
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += renderPart(value) + strings[i + 1]!;
  });
  return new Html(out);
}

/** Trusted markup (e.g. SVG built from numbers). */
export const raw = (markup: string): Html => new Html(markup);

/** The element with this id; throws when the page lacks it (a bug, not a user error). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element as T;
}

export function render(target: HTMLElement, content: Html): void {
  target.innerHTML = content.value;
}
