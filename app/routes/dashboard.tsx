import { useTranslation } from 'react-i18next';
import { ComingSection } from '../ui/coming-section';

export default function Page() {
  const { t } = useTranslation();
  return <ComingSection title={t('shell.nav.dashboard')} />;
}
