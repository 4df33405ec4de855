// Text boxes that sit side by side or one under another. Two of them that share a parent must
// not overlap: each line box of one (getClientRects, so wrapped inline text counts line by line)
// against each of the other. Whatever sticks out past the right edge of the window is reported
// too (the skip link and visually hidden labels are exempt).
() => {
  const selector = [
    "h1", "h2", "h3", "p", "li", "dt", "dd", "label", "legend", "button", "input", "a",
    "figcaption", "th", "td", ".names > span", ".site-name", "nav", "form", "fieldset",
  ].join(",");
  const visible = (el) => {
    const style = getComputedStyle(el);
    return style.visibility !== "hidden" && style.display !== "none" && el.getClientRects().length;
  };
  const skip = (el) => el.closest(".visually-hidden, .skip-link, svg");
  const elements = [...document.body.querySelectorAll(selector)]
    .filter((el) => !skip(el) && visible(el));
  const name = (el) => {
    const classes = typeof el.className === "string" ? el.className.trim().split(/\s+/) : [];
    const text = el.textContent.trim().replace(/\s+/g, " ").slice(0, 40);
    return [el.tagName.toLowerCase(), ...classes.filter(Boolean)].join(".") + ` “${text}”`;
  };
  const problems = [];
  const width = document.documentElement.clientWidth;
  for (const el of elements) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 0.5 || box.left < -0.5) {
      problems.push(`outside the window: ${name(el)}`);
    }
  }
  const byParent = new Map();
  for (const el of elements) {
    if (!byParent.has(el.parentElement)) byParent.set(el.parentElement, []);
    byParent.get(el.parentElement).push(el);
  }
  const meet = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  for (const siblings of byParent.values()) {
    for (let i = 0; i < siblings.length; i++) {
      for (let j = i + 1; j < siblings.length; j++) {
        const one = [...siblings[i].getClientRects()], other = [...siblings[j].getClientRects()];
        if (one.some((a) => other.some((b) => meet(a, b))))
          problems.push(`overlap: ${name(siblings[i])} / ${name(siblings[j])}`);
      }
    }
  }
  return problems;
}
