// `npm run user:create -- --email E --name N`: an account on the app's database (the first
// admin of a fresh deployment, or anybody later). The password is never an argument (it
// would sit in the shell history and the process list): typed twice at a hidden prompt,
// or, when stdin is not a terminal, read as its first two lines (like passwd).
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { registerUser } from '../lib/domains/auth/register-user';
import { AppError } from '../lib/errors';
import { runOperatorScript } from './runtime-env';

const { values: args } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } }, strict: true });

async function promptHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const prompt = createInterface({ input: process.stdin, output, terminal: true });
  try {
    process.stdout.write(question);
    muted = true;
    return await prompt.question('');
  } finally {
    muted = false;
    process.stdout.write('\n');
    prompt.close();
  }
}

async function readPasswordTwice(): Promise<[string, string]> {
  if (process.stdin.isTTY) return [await promptHidden('Password: '), await promptHidden('Password again: ')];
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  const [first = '', second] = text.split(/\r?\n/);
  if (second === undefined) throw new AppError('validation_failed', 'Give the password twice, on two lines of standard input');
  return [first, second];
}

runOperatorScript(async (context) => {
  if (!args.email || !args.name) {
    console.error('usage: npm run user:create -- --email E --name N   (the password is asked for, or read from stdin)');
    return 2;
  }
  const [password, again] = await readPasswordTwice();
  if (password !== again) throw new AppError('validation_failed', 'The two passwords differ; nothing was created');
  const user = await registerUser({ prisma: context.prisma, input: { email: args.email, name: args.name, password } });
  console.log(`created user ${user.email} (${user.id})`);
  return 0;
});
