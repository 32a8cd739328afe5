// Types of the one redis-parser use in these tests (the package ships none).
declare module "redis-parser" {
  interface ParserOptions {
    returnBuffers?: boolean;
    returnReply(reply: unknown): void;
    returnError(error: Error): void;
  }
  /** The RESP parser ioredis uses (dmx patches it: patches/redis-parser@3.0.0.patch). */
  export default class Parser {
    constructor(options: ParserOptions);
    execute(chunk: Buffer): void;
  }
}
