-- The hourly clean-up of uploads no case took (cases.uploads-purge) reads them by age.
create index case_upload_unattached on case_upload (created_at) where case_id is null;
