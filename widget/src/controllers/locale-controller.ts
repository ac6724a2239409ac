// The element's language: its own `lang`, else the page's. Loads that language's strings the
// first time it is needed (another widget on the page may be in another) and renders again
// when they arrive; sets `dir="rtl"` for a right-to-left language unless the page set `dir`.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { hasLocale, loadLocale } from '../i18n';
import { elementLocale, isRtl } from '../localization';

export class LocaleController implements ReactiveController {
  private applied: string | null = null;
  /** True once this controller owns `dir` (the page did not set one). */
  private ownsDir = false;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  /** The locale the element renders in now. */
  get locale(): string {
    return elementLocale(this.host.lang);
  }

  hostConnected(): void {
    this.apply();
  }

  hostUpdate(): void {
    if (this.locale !== this.applied) this.apply();
  }

  private apply(): void {
    const locale = (this.applied = this.locale);
    if (!hasLocale(locale))
      void loadLocale(locale).then(() => {
        this.host.requestUpdate();
      });
    if (this.ownsDir || !this.host.hasAttribute('dir')) {
      this.ownsDir = true;
      if (isRtl(locale)) this.host.setAttribute('dir', 'rtl');
      else this.host.removeAttribute('dir');
    }
  }
}
