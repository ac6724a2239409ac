// The locale controller on a real Lit host: the element's own `lang` wins over the page's, a
// right-to-left language sets `dir` unless the page set one, and a language's strings load
// the first time it is used.
import { expect, waitUntil } from '@open-wc/testing';
import { ReactiveElement } from 'lit';
import { hasLocale } from '../i18n';
import { LocaleController } from './locale-controller';

class LocaleHost extends ReactiveElement {
  static override properties = { lang: { reflect: true } };
  readonly language = new LocaleController(this);
}
customElements.define('locale-host', LocaleHost);

async function host(attributes: Record<string, string>): Promise<LocaleHost> {
  const element = new LocaleHost();
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  document.body.append(element);
  await element.updateComplete;
  return element;
}

describe('LocaleController', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('renders in the element’s own language, right to left for Arabic, and back when it changes', async () => {
    const element = await host({ lang: 'ar' });
    expect(element.language.locale).to.equal('ar');
    expect(element.getAttribute('dir')).to.equal('rtl');
    await waitUntil(() => hasLocale('ar'));
    element.lang = 'fr-CA';
    await element.updateComplete;
    expect(element.language.locale).to.equal('fr');
    expect(element.hasAttribute('dir')).to.equal(false);
    await waitUntil(() => hasLocale('fr'));
  });

  it('keeps a `dir` the page set, and follows the page’s language when the element has none', async () => {
    const pageLang = document.documentElement.lang;
    document.documentElement.lang = 'es';
    try {
      const element = await host({ dir: 'ltr' });
      element.lang = 'ar';
      await element.updateComplete;
      expect(element.getAttribute('dir')).to.equal('ltr');
      const plain = await host({});
      expect(plain.language.locale).to.equal('es');
    } finally {
      document.documentElement.lang = pageLang;
    }
  });
});
