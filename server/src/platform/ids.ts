import { V7Generator } from 'uuidv7';

/**
 * Random words for the id generator, from a buffer of 8 KiB refilled by `crypto.getRandomValues`.
 * The library's default refills a buffer of 32 bytes every few ids, and each refill's WebCrypto
 * call costs more than making the id: a relay batch whose rules make thousands of tasks,
 * notifications and audit entries spent ~2 % of its time there.
 */
class BufferedRandom {
  private readonly buffer = new Uint32Array(2048);
  private cursor = this.buffer.length;

  nextUint32(): number {
    if (this.cursor >= this.buffer.length) {
      crypto.getRandomValues(this.buffer);
      this.cursor = 0;
    }
    return this.buffer[this.cursor++]!;
  }
}

const generator = new V7Generator(new BufferedRandom());

/**
 * A new UUIDv7 (time-ordered; ids made in this process are strictly increasing). Every id of the
 * server comes from here, one generator, so the order of ids made in one millisecond holds too.
 */
export function uuidv7(): string {
  return generator.generate().toString();
}
