/**
 * A small well-formedness check for the SVG the bench writes (no XML parser in Node):
 * every tag closes in order, attributes are quoted, entities are known. Returns the
 * problems found (empty when well-formed) and the element names in document order.
 */
export function checkSvg(text: string): { problems: string[]; elements: string[] } {
  const problems: string[] = [];
  const elements: string[] = [];
  const stack: string[] = [];
  const token =
    /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+);)/g;
  let last = 0;
  for (let m = token.exec(text); m !== null; m = token.exec(text)) {
    const between = text.slice(last, m.index);
    if (between.includes(">")) problems.push(`stray ">" before offset ${m.index}`);
    last = token.lastIndex;
    if (m[0] === "<") {
      problems.push(`malformed tag at offset ${m.index}: ${text.slice(m.index, m.index + 40)}`);
      continue;
    }
    if (m[0].startsWith("&")) {
      problems.push(`bare "&" at offset ${m.index}`);
      continue;
    }
    const [, closing, name, , selfClosing] = m;
    if (closing) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? "nothing"}>`);
    } else {
      elements.push(name!);
      if (!selfClosing) stack.push(name!);
    }
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(", ")}`);
  if (elements[0] !== "svg") problems.push(`root element is ${elements[0] ?? "missing"}, not svg`);
  return { problems, elements };
}
