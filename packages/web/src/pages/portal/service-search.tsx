import { Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** The catalogue search box on the portal home; it navigates to the catalogue's `/services` page. */
export default function ServiceSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <search style={{ maxWidth: 560 }}>
      <Input.Search
        size="large"
        aria-label={t('home.searchLabel')}
        placeholder={t('home.searchPlaceholder')}
        enterButton={t('home.search')}
        onSearch={(q) => void navigate(`/services?q=${encodeURIComponent(q.trim())}`)}
      />
    </search>
  );
}
