// Test helper (db/import/jobs.test.ts): imports a large generated file into a project and reports
// "writing" once rows are being written, so the test can kill -9 it mid-transaction.
import { applyImport } from './apply';
import { openForImport } from './run';

const [projectPath, rowsText] = process.argv.slice(2) as [string, string];
const rows = Number(rowsText);
const lines = ['Name,Email,Company'];
for (let i = 0; i < rows; i++) lines.push(`"Person ${i}, Jr",p${i}@example.org,Org ${i % 500}`);
const db = openForImport(projectPath);
let told = false;
applyImport(
  db,
  Buffer.from(lines.join('\n')),
  'big.csv',
  {},
  {
    onWritten: (n) => {
      if (!told && n >= 2048) {
        told = true;
        process.stdout.write('writing\n');
      }
      // Slow the write down so the kill lands inside the transaction.
      const until = Date.now() + 2;
      while (Date.now() < until) {}
    },
  },
);
process.stdout.write('committed\n');
db.close();
