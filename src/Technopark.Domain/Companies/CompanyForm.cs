namespace Technopark.Domain.Companies;

public enum CompanyForm
{
    ProjectHolder,
    AutoEntrepreneur,
    Startup,
    Tpe,
    Pme,
    LargeCompany,
    DigitalNomad,
}
