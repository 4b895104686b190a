import dayjsGenerateConfig from '@rc-component/picker/generate/dayjs';
import { DatePicker as AntDatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { businessNow } from '../../lib/dates.ts';

/**
 * antd's DatePicker, except that its 今天, its highlighted day and the month it opens on are the
 * server's business day (as the forms' defaults and bounds are), not the device's clock's.
 */
export const DatePicker = AntDatePicker.generatePicker<Dayjs>({
  ...dayjsGenerateConfig,
  getNow: () => dayjs(businessNow()),
});
