import { roleAllows } from '@/lib/domains/auth/access';
import { getOrganization } from '@/lib/domains/ledger/queries/organizations';
import { NUMBER_FORMATS, numberFormatExample } from '@/lib/domains/money/money';
import { getReportSettings } from '@/lib/domains/organizations/report-settings';
import { requireUser } from '@/lib/adapters/web/session';
import { webContext } from '@/lib/adapters/web/context';
import { ReportSettingsForm, type NumberFormatChoice } from './report-settings-form';

export const dynamic = 'force-dynamic';

const FORMAT_NAMES: Record<(typeof NUMBER_FORMATS)[number], string> = {
  en: 'English',
  de: 'German',
  pl: 'Polish',
  fr: 'French',
  ch: 'Swiss',
};

export default async function SettingsPage(props: { params: Promise<{ orgId: string }> }) {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const { orgId } = await props.params;
  const prisma = ctx.prisma;
  const [organization, settings] = await Promise.all([
    getOrganization({ prisma, actor: user, organizationId: orgId }),
    getReportSettings({ prisma, actor: user, organizationId: orgId }),
  ]);
  const choices: NumberFormatChoice[] = NUMBER_FORMATS.map((format) => ({
    value: format,
    label: `${numberFormatExample(format)} (${FORMAT_NAMES[format]})`,
  }));
  return (
    <>
      <h1>Settings</h1>
      <section className="panel" aria-labelledby="report-settings-heading">
        <h2 id="report-settings-heading">Reports</h2>
        <p className="muted">
          How amounts are written on the report pages and in PDFs, and the paper of PDFs. CSV and XLSX files keep plain numbers (1234.56) so
          that spreadsheets and scripts read them.
        </p>
        {roleAllows(organization.role, 'manage-settings') ? (
          <ReportSettingsForm organizationId={orgId} settings={settings} choices={choices} />
        ) : (
          <dl>
            <dt>Number format</dt>
            <dd>{choices.find((choice) => choice.value === settings.numberFormat)?.label}</dd>
            <dt>Paper</dt>
            <dd>{settings.paperSize === 'LETTER' ? 'US Letter' : 'A4'}</dd>
            <dd className="muted">Only admins change these.</dd>
          </dl>
        )}
      </section>
    </>
  );
}
