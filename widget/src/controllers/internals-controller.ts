// What the element reports to the page through ElementInternals after each render: its custom
// states (`:state(signed-in)`, …) and its form value and validity (the validated checkout id).

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FormState } from '../view-model';

export interface InternalsReport {
  states: Record<string, boolean>;
  form: FormState;
  /** A focusable element the browser points at when the form is not valid (the chosen reward). */
  anchor: () => HTMLElement | undefined;
  /** What the browser tells the shopper when the form is not valid, in the element's locale. */
  message: (validity: Exclude<FormState['validity'], 'valid'>) => string;
}

export class InternalsController implements ReactiveController {
  private readonly internals: ElementInternals | null;

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    private readonly report: () => InternalsReport,
  ) {
    this.internals = typeof host.attachInternals === 'function' ? host.attachInternals() : null;
    host.addController(this);
  }

  hostUpdated(): void {
    const internals = this.internals;
    if (!internals) return;
    const { states, form, anchor, message } = this.report();
    const set = internals.states as CustomStateSet | undefined; // absent in older browsers
    for (const [name, on] of Object.entries(states)) {
      if (on) set?.add(name);
      else set?.delete(name);
    }
    internals.setFormValue(form.value);
    if (form.validity === 'valid') internals.setValidity({});
    else internals.setValidity({ customError: true }, message(form.validity), anchor());
  }
}
