// A member's phone number as Spendgo keys members by it: ten digits, a North American number
// (the documents' examples, "4155550100"), written however the shopper typed it. Pure; shared
// by the widget's join form and the proxy's join route.

/** The ten digits of a North American number, or null: spaces, dots, dashes, brackets and a
 * leading +1 or 1 are dropped; anything else is refused. */
export function normalisePhone(typed: string): string | null {
  if (!/^[\d\s().+-]{7,25}$/.test(typed)) return null;
  const digits = typed.replace(/\D/g, '');
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  // NANP: the area code and the exchange start with 2–9.
  return /^[2-9]\d{2}[2-9]\d{6}$/.test(national) ? national : null;
}
