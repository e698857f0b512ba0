import { useParams } from 'react-router';
import { ServiceGuide } from '../../modules/catalogue/index.ts';

export default function ServicesGuidePage() {
  const { code = '' } = useParams();
  // Keyed by code: a new item starts with fresh situation answers.
  return <ServiceGuide key={code} code={code} />;
}
