export function mountIotPlayer(el: HTMLElement): () => void {
  el.textContent = "x";
  return () => {};
}
