export function mountPlayground(el: HTMLElement): () => void {
  el.textContent = "x";
  return () => {};
}
