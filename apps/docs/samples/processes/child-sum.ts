// The child side: receive one message, answer, and let the parent close the channel.
process.once("message", (numbers) => {
  const sum = (numbers as number[]).reduce((a, b) => a + b, 0);
  process.send?.(sum);
});
